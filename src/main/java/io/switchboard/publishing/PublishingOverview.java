package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** What the Overview says about publishing: today's posts, and the failed and held posts with their reasons. */
@Service
public class PublishingOverview {
    private final PostSummaries summaries;
    private final Clock clock;

    PublishingOverview(PostSummaries summaries, ObjectProvider<Clock> clock) {
        this.summaries = summaries;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * Failed or held posts of one campaign that share a status and a reason.
     *
     * @param reason    what happened and what to do, as the post says it
     * @param accounts  how many accounts the posts belong to
     * @param accountId the account, when they all belong to one
     */
    public record Trouble(long campaignId, String campaign, PostStatus status, String reason, int posts, int accounts,
                          @Nullable Long accountId) {
    }

    /** The posts scheduled today (UTC), by status. */
    public PostCounts today() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return summaries.scheduledBetween(today.atStartOfDay().atOffset(ZoneOffset.UTC),
                today.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
    }

    /**
     * Failed or held posts summed up: the first groups, and how many posts all the groups hold.
     *
     * @param posts the posts of every group, not only of those listed
     */
    public record Troubles(List<Trouble> groups, int posts) {
    }

    /**
     * Held posts and those failed within the last 7 days (of campaigns not cancelled), grouped by campaign, status and
     * reason, the latest first (by the hour, UTC, of the group's last change; in one hour, the most posts first): at most
     * {@code limit} groups, with the count of every troubled post.
     */
    public Troubles trouble(int limit) {
        return summaries.trouble(failedSince(), Math.clamp(limit, 1, 50));
    }

    private OffsetDateTime failedSince() {
        return clock.instant().minus(PostSummaries.RECENT_FAILURES).atOffset(ZoneOffset.UTC);
    }
}
