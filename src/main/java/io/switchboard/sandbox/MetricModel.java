package io.switchboard.sandbox;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.SplittableRandom;

/**
 * The sandbox's deterministic, plausible insights. Each post has a seeded model: a heavy-tailed final reach (a Pareto
 * multiple of the account's followers: most posts reach a fraction of them, a few go far beyond), approached along a
 * saturating curve after publishing (fast for Stories, slower for Reels), views a multiple of reach, and engagement
 * rates that depend on the post type (Reels and carousels engage more than single images, Stories least). Accounts
 * gain followers at a seeded daily rate. The same post at the same age always answers the same numbers.
 */
final class MetricModel {
    private static final double PARETO_ALPHA = 1.6;

    private MetricModel() {
    }

    record Post(long views, long reach, long likes, long comments, long shares, long saved, long interactions,
                long avgWatchMillis) {
    }

    record Day(long reach, long views, long profileViews, long engaged) {
    }

    static Post post(long mediaId, String mediaType, long followers, Duration age) {
        SplittableRandom random = new SplittableRandom(mediaId * 0x9E3779B97F4A7C15L);
        double multiple = Math.min(40, 0.08 * Math.pow(1 - random.nextDouble(), -1 / PARETO_ALPHA));
        double finalReach = 30 + Math.max(100, followers) * multiple;
        double hours = Math.max(0, age.toSeconds() / 3600.0);
        double tau = switch (mediaType) {
            case "STORIES" -> 3;
            case "VIDEO" -> 30;
            default -> 16;
        };
        double grown = 1 - Math.exp(-hours / tau);
        long reach = Math.round(finalReach * grown);
        double viewsPerReach = switch (mediaType) {
            case "VIDEO" -> 1.8 + random.nextDouble();
            case "CAROUSEL_ALBUM" -> 1.5 + random.nextDouble() * 0.6;
            default -> 1.1 + random.nextDouble() * 0.4;
        };
        double rate = switch (mediaType) {
            case "VIDEO" -> 0.045 + random.nextDouble() * 0.04;
            case "CAROUSEL_ALBUM" -> 0.04 + random.nextDouble() * 0.03;
            case "STORIES" -> 0.01 + random.nextDouble() * 0.02;
            default -> 0.025 + random.nextDouble() * 0.02;
        };
        long interactions = Math.round(reach * rate);
        boolean story = mediaType.equals("STORIES");
        long likes = story ? 0 : Math.round(interactions * 0.72);
        long comments = story ? 0 : Math.round(interactions * 0.07);
        long shares = story ? interactions : Math.round(interactions * 0.09);
        long saved = story ? 0 : interactions - likes - comments - shares;
        long watch = mediaType.equals("VIDEO") ? 2500 + random.nextInt(9500) : 0;
        return new Post(Math.round(reach * viewsPerReach), reach, likes, comments, shares, Math.max(0, saved),
                interactions, watch);
    }

    /** The account's followers {@code age} after it was created, from the followers it started with. */
    static long followers(long accountId, long startingFollowers, Duration age) {
        SplittableRandom random = new SplittableRandom(accountId * 0xBF58476D1CE4E5B9L);
        double dailyGrowth = 0.002 + random.nextDouble() * 0.01;
        double days = Math.max(0, age.toSeconds() / 86_400.0);
        return Math.round(Math.max(100, startingFollowers) * Math.pow(1 + dailyGrowth, days))
                - (startingFollowers < 100 ? 100 - startingFollowers : 0);
    }

    static Day day(long accountId, long followers, LocalDate day) {
        SplittableRandom random = new SplittableRandom(accountId * 31 + day.toEpochDay());
        long reach = Math.round(Math.max(100, followers) * (0.08 + random.nextDouble() * 0.25));
        return new Day(reach, Math.round(reach * (1.4 + random.nextDouble())), Math.round(reach * 0.03),
                Math.round(reach * (0.03 + random.nextDouble() * 0.04)));
    }

    static Duration age(OffsetDateTime from, OffsetDateTime now) {
        return Duration.between(from, now);
    }
}
