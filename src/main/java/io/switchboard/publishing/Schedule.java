package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;

/**
 * When a campaign's posts go out.
 *
 * @param startAt     the first post's earliest time; null means as soon as it is launched
 * @param minSpacing  at least this long between two posts of one account
 * @param windowStart with {@code windowEnd}: posts go out only between these times of day, in each account's
 *                    own time zone; both null means any time
 * @param dailyMax    at most this many posts per account per day (its own calendar day); never above the
 *                    platform's publishing quota
 */
public record Schedule(@Nullable Instant startAt, Duration minSpacing, @Nullable LocalTime windowStart,
                       @Nullable LocalTime windowEnd, int dailyMax) {

    public Schedule {
        if (minSpacing.isNegative()) {
            throw new IllegalArgumentException("The spacing between posts cannot be negative");
        }
        if ((windowStart == null) != (windowEnd == null)) {
            throw new IllegalArgumentException("Give both ends of the daily window, or neither");
        }
        if (windowStart != null && !windowStart.isBefore(windowEnd)) {
            throw new IllegalArgumentException("The daily window must start before it ends (no window across midnight)");
        }
        if (dailyMax < 1) {
            throw new IllegalArgumentException("The daily maximum must be at least 1");
        }
    }

    public boolean hasWindow() {
        return windowStart != null;
    }
}
