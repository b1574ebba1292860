package io.switchboard.identity;

import org.springframework.security.authentication.LockedException;

import java.time.Duration;

/** Sign-in refused because the username had too many failures in a row. */
class SignInLocked extends LockedException {
    private final Duration remaining;

    SignInLocked(Duration remaining) {
        super("Too many failed sign-ins");
        this.remaining = remaining;
    }

    /** Whole minutes until the lock lifts, at least one. */
    long minutesLeft() {
        return Math.max(1, (remaining.toSeconds() + 59) / 60);
    }
}
