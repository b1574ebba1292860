package io.switchboard.insights;

import org.jspecify.annotations.Nullable;

/**
 * A post's lifetime metrics at one moment (counts of accounts or of times; a metric the platform does not report
 * for the post's type is 0).
 *
 * @param avgWatchMillis the average time a Reel was watched, in milliseconds; null for other types
 */
public record PostMetrics(long views, long reach, long likes, long comments, long shares, long saved,
                          long interactions, @Nullable Long avgWatchMillis) {
}
