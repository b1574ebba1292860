package io.switchboard.identity;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Caps the password checks (bcrypt, tens of milliseconds of CPU each) running at once on this instance, so a flood
 * of sign-ins queues briefly and then is turned away instead of taking every core.
 */
@Component
class PasswordChecks {
    private final Semaphore permits;
    private final Duration wait;

    @Autowired
    PasswordChecks(IdentitySettings settings) {
        this(settings.signInConcurrency(), Duration.ofSeconds(10));
    }

    PasswordChecks(int permits, Duration wait) {
        this.permits = new Semaphore(permits, true);
        this.wait = wait;
    }

    /** Runs the check when a permit frees up within a few seconds; otherwise throws {@link Busy}. */
    <T> T run(Supplier<T> check) {
        try {
            if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
        try {
            return check.get();
        } finally {
            permits.release();
        }
    }

    /** Too many sign-ins at once: nothing was checked, nothing counted. */
    static final class Busy extends AuthenticationServiceException {
        Busy() {
            super("Too many sign-ins at once");
        }
    }
}
