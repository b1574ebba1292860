package io.switchboard.publishing;

import io.switchboard.infrastructure.Durations;
import io.switchboard.infrastructure.Moments;
import io.switchboard.tasks.Outcome;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The publish runner's waits, decided and recorded with the post in the operators' words, so the campaign page,
 * the account page and the export say what the task log says: what the post waits for and when it goes out.
 */
@Component
class Waits {
    private final PostWaits waits;
    private final PostRepository posts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Waits(PostWaits waits, PostRepository posts, ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
        this.waits = waits;
        this.posts = posts;
        this.events = events;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * The account's last post (from any campaign) went out less than the campaign's spacing ago: the post waits
     * for the spacing, recorded with it.
     */
    Optional<Outcome> forSpacing(CampaignPost post, Duration spacing, String username) {
        Instant now = clock.instant();
        return waits.lastPublished(post.accountId()).filter(last -> now.isBefore(last.at().plus(spacing))).map(last -> {
            Instant until = last.at().plus(spacing);
            String reason = "the " + Durations.adjective(spacing) + " spacing after @" + username + "'s "
                    + Moments.near(last.at(), now) + " post " + (last.campaignId() == post.campaignId()
                    ? "of this campaign" : "from " + last.campaign());
            waits.record(post.id(), reason, until);
            return Outcome.retryAt(until, "waits for " + reason);
        });
    }

    /**
     * The account's publishing quota is used up: the post waits for a slot to free, recorded with it, and
     * {@link QuotaExhausted} is published with the post's new state.
     */
    @Transactional
    Outcome forQuota(CampaignPost post, String username, Instant until) {
        events.publishEvent(new QuotaExhausted(post.accountId(), username, post.id(), until));
        String reason = "a free slot in @" + username + "'s publishing quota (used up for the last 24 hours)";
        posts.status(post.id(), PostStatus.WAITING_QUOTA, "The publishing quota is used up: it goes out when a slot "
                + "frees, about " + Moments.near(until, clock.instant()) + ".");
        waits.record(post.id(), reason, until);
        return Outcome.retryAt(until, "waits for " + reason);
    }
}
