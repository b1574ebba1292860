package io.switchboard.insights;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Collecting insights.
 *
 * @param after          when a post's metrics are read, counted from its publishing
 * @param weeklyFor      after the last of {@code after}, once a week until the post is this old
 * @param storyAfter     when a Story's metrics are read (Stories keep insights for 24 hours only)
 * @param sweepInterval  how often due collections are handed to the task engine
 * @param postsPerTask   posts one collection task reads before it makes way for the next account
 * @param publishingSoon a collection yields while a post of the account goes out within this time
 * @param retryAfter     how long a skipped account (no permission, no adapter, token refused) waits
 */
@ConfigurationProperties("switchboard.insights")
public record InsightsSettings(
        @DefaultValue({"1h", "6h", "24h", "3d", "7d", "28d"}) List<Duration> after,
        @DefaultValue("90d") Duration weeklyFor,
        @DefaultValue({"1h", "6h", "20h"}) List<Duration> storyAfter,
        @DefaultValue("1m") Duration sweepInterval,
        @DefaultValue("50") int postsPerTask,
        @DefaultValue("2m") Duration publishingSoon,
        @DefaultValue("1d") Duration retryAfter) {

    public InsightsSettings {
        if (after.isEmpty() || storyAfter.isEmpty()) {
            throw new IllegalArgumentException("switchboard.insights.after and story-after need at least one time");
        }
        if (postsPerTask < 1 || postsPerTask > 1000) {
            throw new IllegalArgumentException("switchboard.insights.posts-per-task must be 1 to 1000: " + postsPerTask);
        }
    }
}
