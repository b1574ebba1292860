package io.switchboard.notifications;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;

/**
 * One event sent (or being sent) to one endpoint.
 *
 * @param messageId   the {@code webhook-id} every attempt carries: receivers deduplicate by it
 * @param status      PENDING (being tried), DELIVERED (a 2xx came back) or FAILED (retries ran out after a day)
 * @param lastStatus  the HTTP status of the latest attempt, null when none came back
 * @param lastExcerpt the start of the latest response body (at most 500 characters)
 */
public record WebhookDelivery(long id, long endpointId, String messageId, String eventType, String payload,
                              String status, int attempts, @Nullable Integer lastStatus, @Nullable String lastExcerpt,
                              @Nullable String lastError, OffsetDateTime createdAt, @Nullable OffsetDateTime lastTriedAt,
                              @Nullable OffsetDateTime deliveredAt) {
}
