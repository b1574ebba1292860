package io.switchboard.insights;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * When an account's daily insights are collected: each account at its own moment, taken from its id, so accounts
 * connected (or collected) together are not all collected in the same minute. A network that connects 10,000
 * accounts and schedules them all for one minute would otherwise read six Graph calls per account in that minute,
 * beside its publishing, and again every night at the same hour.
 */
final class CollectionTimes {
    /** A new account's first collection comes within this time of its registration. */
    static final Duration FIRST_WITHIN = Duration.ofHours(1);
    /** Daily collections fall between 01:00 and 23:00 UTC: the day collected is the UTC day of the collection. */
    private static final Duration DAY_FROM = Duration.ofHours(1);
    private static final Duration DAY_SPREAD = Duration.ofHours(22);
    /** Fibonacci hashing: consecutive ids (accounts connected together) land far apart in the window. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private CollectionTimes() {
    }

    /** The account's own moment within {@code window}, the same on every call. */
    static Duration offset(long accountId, Duration window) {
        double fraction = ((accountId * GOLDEN) >>> 11) * 0x1.0p-53;
        return Duration.ofSeconds((long) (fraction * window.toSeconds()));
    }

    /** A newly registered account's first collection. */
    static OffsetDateTime first(long accountId, OffsetDateTime now) {
        return now.plus(offset(accountId, FIRST_WITHIN));
    }

    /** The collection after one made at {@code at}: the next UTC day, at the account's own moment of the day. */
    static OffsetDateTime nextDay(long accountId, OffsetDateTime at) {
        return at.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).plusDays(1).plus(DAY_FROM)
                .plus(offset(accountId, DAY_SPREAD));
    }
}
