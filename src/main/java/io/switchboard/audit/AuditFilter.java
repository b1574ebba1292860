package io.switchboard.audit;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** Which entries to show: each part is optional; text parts match exactly. {@code until} is exclusive. */
public record AuditFilter(@Nullable String actor, @Nullable String objectType, @Nullable String objectId,
                          @Nullable String action, @Nullable Instant from, @Nullable Instant until) {

    public static AuditFilter none() {
        return new AuditFilter(null, null, null, null, null, null);
    }
}
