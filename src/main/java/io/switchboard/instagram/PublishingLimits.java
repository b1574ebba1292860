package io.switchboard.instagram;

import io.switchboard.instagram.graph.GraphProblem;
import io.switchboard.instagram.graph.GraphResult;
import io.switchboard.instagram.graph.InstagramGraph;
import io.switchboard.instagram.graph.MediaItem;
import io.switchboard.instagram.graph.MediaPage;
import io.switchboard.instagram.graph.PublishingLimit;
import io.switchboard.platform.Credentials;
import io.switchboard.publishing.PublishingQuota;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * An Instagram account's publishing quota: {@code content_publishing_limit}, and when it is used up, the account's
 * recent posts read in a second call to tell when the oldest leaves the rolling window and a slot frees.
 */
@Component
class PublishingLimits {
    /** The platform counts at most this many posts in a window; past it the recent posts cannot tell. */
    private static final int MOST_IN_WINDOW = 100;
    private static final Duration CLOCK_SLACK = Duration.ofMinutes(1);
    private static final Duration ROUNDING = Duration.ofSeconds(1);
    private final InstagramGraph graph;

    PublishingLimits(InstagramGraph graph) {
        this.graph = graph;
    }

    GraphResult<PublishingQuota> quota(Credentials credentials) {
        return switch (graph.publishingLimit(credentials)) {
            case GraphResult.Ok<PublishingLimit>(PublishingLimit limit) -> new GraphResult.Ok<>(new PublishingQuota(
                    limit.used(), limit.total(), limit.window(),
                    limit.remaining() == 0 ? oldestLeaves(credentials, limit) : null));
            case GraphResult.Failed<PublishingLimit>(GraphProblem problem) -> new GraphResult.Failed<>(problem);
        };
    }

    /** When the next slot frees, or {@code otherwise} when the platform cannot tell. */
    Instant nextSlot(Credentials credentials, Instant otherwise) {
        if (quota(credentials) instanceof GraphResult.Ok<PublishingQuota>(PublishingQuota quota)
                && quota.nextSlotAt() != null) {
            return quota.nextSlotAt();
        }
        return otherwise;
    }

    private @Nullable Instant oldestLeaves(Credentials credentials, PublishingLimit limit) {
        if (limit.used() == 0 || limit.used() > MOST_IN_WINDOW) {
            return null;
        }
        if (graph.recentMedia(credentials, limit.used(), null) instanceof GraphResult.Ok<MediaPage>(MediaPage page)) {
            Instant now = Instant.now();
            // timestamps come in whole seconds and the platform's clock is not ours: a post the platform still
            // counts may seem to have left the window a moment ago; it leaves in a moment, not never
            Instant cutoff = now.minus(limit.window()).minus(CLOCK_SLACK);
            return page.items().stream().map(MediaItem::timestamp)
                    .filter(t -> t != null && t.isAfter(cutoff))
                    .min(Instant::compareTo).map(t -> t.plus(limit.window()).plus(ROUNDING))
                    .map(leaves -> leaves.isAfter(now) ? leaves : now.plus(ROUNDING.multipliedBy(2))).orElse(null);
        }
        return null;
    }
}
