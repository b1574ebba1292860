package io.switchboard.notifications;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;

/** Something an operator was told, with where to look. */
public record Notification(long id, String text, String link, OffsetDateTime createdAt, @Nullable OffsetDateTime readAt) {
}
