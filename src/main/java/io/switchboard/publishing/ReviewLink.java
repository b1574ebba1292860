package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;

/** A client review link of a campaign, as operators see it (never its secret). */
public record ReviewLink(long id, long campaignId, String createdBy, OffsetDateTime createdAt, OffsetDateTime expiresAt,
                         @Nullable OffsetDateTime revokedAt, int uses) {

    public boolean works(OffsetDateTime now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
