package io.switchboard.identity;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;

/** A person who signs in to Switchboard. */
public record Operator(long id, String username, Role role, boolean enabled, OffsetDateTime createdAt,
                       @Nullable OffsetDateTime lastLoginAt) {
}
