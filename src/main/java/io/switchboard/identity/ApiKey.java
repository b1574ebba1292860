package io.switchboard.identity;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * An API key as the admin page lists it. Never carries the secret, which is shown once at creation.
 *
 * @param prefix            the first characters of the key ("sb_3f9a…"), to tell keys apart
 * @param requestsPerMinute the key's rate limit
 * @param expiresAt         null: never expires
 */
public record ApiKey(long id, String name, String prefix, ApiScope scope, int requestsPerMinute, String createdBy,
                     OffsetDateTime createdAt, @Nullable OffsetDateTime expiresAt, @Nullable OffsetDateTime revokedAt,
                     @Nullable String revokedBy, @Nullable OffsetDateTime lastUsedAt) {

    /** Usable at {@code now}: not revoked and not expired. */
    public boolean live(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.toInstant().isAfter(now));
    }

    /** The name calls carry in the audit trail. */
    public String actor() {
        return "api:" + name;
    }
}
