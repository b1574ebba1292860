package io.switchboard.platform;

import java.time.Instant;

/** A hold-off in force: no call for {@code scope} ("app" or "user:<id>") before {@code until}. */
record Hold(String scope, Instant until, String reason) {
    static final String APP = "app";

    static String user(String platformUserId) {
        return "user:" + platformUserId;
    }

    boolean wholeApp() {
        return scope.equals(APP);
    }
}
