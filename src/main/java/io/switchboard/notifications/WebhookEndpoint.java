package io.switchboard.notifications;

import java.time.OffsetDateTime;
import java.util.List;

/** A registered receiver; never carries its secret (shown once when it is made). */
public record WebhookEndpoint(long id, String url, String description, List<WebhookEvent> events, boolean enabled,
                              String createdBy, OffsetDateTime createdAt) {
    public WebhookEndpoint {
        events = List.copyOf(events);
    }
}
