package io.switchboard.dashboard;

import io.switchboard.infrastructure.Moments;
import io.switchboard.publishing.Campaign;
import io.switchboard.publishing.CampaignPost;
import io.switchboard.publishing.CampaignPosts;
import io.switchboard.publishing.CampaignStatus;
import io.switchboard.publishing.PostStatus;
import io.switchboard.publishing.PostWait;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A campaign's posts as its page shows them: when each really goes out and, when it waits, for what and until when,
 * in words; the task that publishes it; which commands it takes.
 */
@Component
class PostRows {
    private final CampaignPosts posts;

    PostRows(CampaignPosts posts) {
        this.posts = posts;
    }

    /**
     * One post's row (public: templates read it).
     *
     * @param when   the time that matters now: when it goes out, went out, or was due
     * @param note   what it waits for and until when, or why it did not go out; null when nothing needs saying
     * @param taskId the task that publishes it, null once pruned
     */
    public record Row(CampaignPost post, String when, @Nullable String note, @Nullable Long taskId,
                      boolean retryable, boolean cancellable) {
    }

    List<Row> of(Campaign campaign, List<CampaignPost> shown) {
        return of(shown, Map.of(campaign.id(), campaign));
    }

    /** Posts of several campaigns (an account's latest posts), each campaign by id. */
    List<Row> of(List<CampaignPost> shown, Map<Long, Campaign> campaigns) {
        Map<Long, PostWait> waits = posts.waits(shown);
        Map<Long, Long> tasks = posts.taskIds(shown);
        Instant now = Instant.now();
        return shown.stream().map(p -> {
            Campaign campaign = campaigns.get(p.campaignId());
            boolean open = campaign.status() == CampaignStatus.RUNNING || campaign.status() == CampaignStatus.PAUSED;
            return new Row(p, when(p, waits.get(p.id()), now), note(campaign, p, waits.get(p.id()), now),
                    tasks.get(p.id()), p.status() == PostStatus.FAILED && campaign.status() != CampaignStatus.CANCELLED,
                    p.status().cancellable() && open);
        }).toList();
    }

    private static String when(CampaignPost post, @Nullable PostWait wait, Instant now) {
        return switch (post.status()) {
            case PUBLISHED -> "published " + at(post.publishedAt() == null ? post.updatedAt() : post.publishedAt(), now);
            case FAILED, CANCELLED -> "planned for " + at(post.scheduledAt(), now);
            case PAUSED -> "held; planned for " + at(post.scheduledAt(), now);
            case PROCESSING, PUBLISHING -> wait != null ? "about " + at(wait.until(), now) : "with the platform now";
            case SCHEDULED, WAITING_QUOTA -> wait != null ? "about " + at(wait.until(), now)
                    : post.scheduledAt().toInstant().isAfter(now) ? at(post.scheduledAt(), now) : "due now";
        };
    }

    private static @Nullable String note(Campaign campaign, CampaignPost post, @Nullable PostWait wait, Instant now) {
        if (!post.status().active()) {
            return null;
        }
        if (campaign.status() == CampaignStatus.PAUSED && post.status() != PostStatus.PUBLISHING) {
            return "waits: the campaign is paused; it goes on when the campaign is resumed";
        }
        if (wait == null) {
            return null;
        }
        String planned = wait.until().toInstant().equals(post.scheduledAt().toInstant()) ? ""
                : " (planned for " + at(post.scheduledAt(), now) + ")";
        return "waits for " + wait.reason() + ": goes out about " + at(wait.until(), now) + planned;
    }

    private static String at(OffsetDateTime time, Instant now) {
        return Moments.near(time.toInstant(), now);
    }
}
