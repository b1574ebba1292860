package io.switchboard.identity;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;

/** One entry of the audit trail: who did what to whom. */
public record AuditEvent(OffsetDateTime at, String actor, String action, @Nullable String target,
                         @Nullable String detail) {
}
