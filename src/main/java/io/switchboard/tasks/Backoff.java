package io.switchboard.tasks;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Delay before the next attempt: base × 2^(attempt−1), capped, then spread ±25 % so retries do not stampede. */
final class Backoff {
    private Backoff() {
    }

    static Duration after(int attempt, Duration base, Duration max) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long capped = Math.min(max.toMillis(), base.toMillis() * (1L << Math.min(doublings, 20)));
        double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis(Math.round(capped * jitter));
    }
}
