package io.switchboard.platform;

import java.time.Instant;

/**
 * A hold-off in force: no call for {@code scope} before {@code until}. Scopes are per platform: its whole app
 * ({@code instagram:app}) or one of its users ({@code instagram:user:<id>}).
 */
public record Hold(String scope, Instant until, String reason) {

    static String app(Platform platform) {
        return platform.key() + ":app";
    }

    static String user(Platform platform, String platformUserId) {
        return platform.key() + ":user:" + platformUserId;
    }

    /** The hold stops every call to the platform, not one account's. */
    public boolean wholeApp() {
        return scope.endsWith(":app");
    }
}
