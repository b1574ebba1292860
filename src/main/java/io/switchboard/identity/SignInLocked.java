package io.switchboard.identity;

import org.springframework.security.authentication.LockedException;

import java.time.Duration;

/** Sign-in refused, before its password was checked, because of earlier failures (from this address or, at far
 * larger counts, from anywhere). */
class SignInLocked extends LockedException {
    private final Duration remaining;

    SignInLocked(Duration remaining) {
        super("Too many failed sign-ins");
        this.remaining = remaining;
    }

    /** Whole minutes until the next attempt is allowed, at least one. */
    long minutesLeft() {
        return Math.max(1, (remaining.toSeconds() + 59) / 60);
    }
}
