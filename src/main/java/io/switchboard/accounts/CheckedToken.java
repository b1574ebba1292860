package io.switchboard.accounts;

import io.switchboard.platform.Platform;
import io.switchboard.platform.Profile;
import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;

/** A token the platform accepted, with the account it belongs to. A secret: {@link #toString()} hides it. */
record CheckedToken(Platform platform, Profile profile, String token, @Nullable OffsetDateTime expiresAt,
                    @Nullable String scopes, @Nullable String refreshToken) {
    @Override
    public String toString() {
        return "CheckedToken[" + platform + " @" + profile.username() + ", expiresAt=" + expiresAt + ", token=***]";
    }
}
