package io.switchboard.platform;

import java.time.Instant;

/**
 * Why a platform did not do what an account-level call asked, whatever the platform: what the caller must do
 * about it is the same everywhere. Each case carries the platform's own message (with its codes), never a token.
 */
public sealed interface PlatformProblem {

    /** The platform's words, as an operator reads them in a task log ("code 190/460: …"). */
    String message();

    /** A passing failure (a server error, a timeout): try again with back-off. */
    record Passing(String message) implements PlatformProblem {
    }

    /** The platform asks to wait until {@code until}; no attempt is used up. */
    record Throttled(String message, Instant until) implements PlatformProblem {
    }

    /** The token is invalid or expired: the account needs reconnecting. */
    record TokenRefused(String message) implements PlatformProblem {
    }

    /** A permission (scope) is missing: the operator must grant it again. */
    record PermissionMissing(String message) implements PlatformProblem {
    }

    /** The platform blocked or restricted the account. */
    record Restricted(String message) implements PlatformProblem {
    }

    /** The account's egress route (its proxy) is down; no call was made. Wait, do not fail. */
    record RouteDown(String message) implements PlatformProblem {
    }

    /** Anything else the platform refused. */
    record Refused(String message) implements PlatformProblem {
    }
}
