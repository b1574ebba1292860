package io.switchboard.accounts;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * A token a platform issued (from a sign-in or a renewal). A secret: {@link #toString()} leaves it out.
 *
 * @param expiresAt    null when it does not expire or the platform did not say
 * @param refreshToken the token that renews it, where the platform issues one (TikTok); null otherwise
 */
public record IssuedToken(String accessToken, @Nullable Instant expiresAt, @Nullable String refreshToken) {

    public IssuedToken(String accessToken, @Nullable Instant expiresAt) {
        this(accessToken, expiresAt, null);
    }

    @Override
    public String toString() {
        return "IssuedToken[expiresAt=" + expiresAt + ", token=***]";
    }
}
