package io.switchboard.proxies;

import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** When a whole exchange must be over; every blocking step waits at most until then. */
record Deadline(long atNanos, Duration total) {

    static Deadline in(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos(), timeout);
    }

    /**
     * Milliseconds left (at least 1, as a socket timeout of 0 would wait forever).
     *
     * @throws HttpTimeoutException when the time is up
     */
    int remainingMillis() throws HttpTimeoutException {
        long left = (atNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw timedOut();
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    HttpTimeoutException timedOut() {
        return new HttpTimeoutException("no answer within " + total.toMillis() + " ms");
    }
}
