package io.switchboard.tasks;

import java.time.Duration;
import java.time.Instant;

/** How a handler's run of a task ended. */
public sealed interface Outcome {

    /** Done; the task succeeded. */
    record Completed() implements Outcome {
    }

    /** Run again at (or after) this time without using up an attempt: rate limited, or waiting on someone. */
    record RetryLater(Instant at, String reason) implements Outcome {
    }

    /**
     * Did not work. A retryable failure runs again after an exponential back-off with jitter until the task's
     * attempts are used up; a permanent one (bad input, nothing will change) fails the task at once.
     */
    record Failed(String error, boolean permanent) implements Outcome {
    }

    /** The handler stopped because a cancel was requested (or decided the work is moot). */
    record Cancelled(String reason) implements Outcome {
    }

    static Outcome completed() {
        return new Completed();
    }

    static Outcome retryAt(Instant at, String reason) {
        return new RetryLater(at, reason);
    }

    static Outcome retryAfter(Duration delay, String reason) {
        return new RetryLater(Instant.now().plus(delay), reason);
    }

    static Outcome failed(String error) {
        return new Failed(error, false);
    }

    static Outcome failedPermanently(String error) {
        return new Failed(error, true);
    }

    static Outcome cancelled(String reason) {
        return new Cancelled(reason);
    }
}
