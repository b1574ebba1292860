package io.switchboard.insights;

import io.switchboard.publishing.PostType;
import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;

/**
 * One post's latest metrics.
 *
 * @param collectedAt    when they were read; null before the first collection
 * @param avgWatchMillis a Reel's average watch time in milliseconds; null for other types
 * @param problem        why its collection stopped or waits, in words; null when all is well
 */
public record PostResult(long postId, long campaignId, long accountId, String username, PostType type, String caption,
                         @Nullable String permalink, OffsetDateTime publishedAt, Totals metrics,
                         @Nullable Long avgWatchMillis, int collections, @Nullable OffsetDateTime collectedAt,
                         @Nullable String problem) {
}
