package io.switchboard.publishing;

import io.switchboard.media.MediaLibrary;
import io.switchboard.tasks.GroupFinished;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.springframework.context.ApplicationEventPublisher;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * A running campaign whose posts are all published, failed or cancelled finishes, and its media are no longer
 * held for it: at once when its tasks' group finishes, and, should that news be lost (a listener that failed,
 * a campaign paused while its last post went out and resumed after), by a sweep on one instance at a time.
 */
@Component
class CampaignCompletion {
    private static final Logger log = LoggerFactory.getLogger(CampaignCompletion.class);
    private final CampaignRepository campaigns;
    private final PostRepository posts;
    private final MediaLibrary media;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    CampaignCompletion(CampaignRepository campaigns, PostRepository posts, MediaLibrary media,
                       TransactionTemplate transactions, ApplicationEventPublisher events) {
        this.events = events;
        this.campaigns = campaigns;
        this.posts = posts;
        this.media = media;
        this.transactions = transactions;
    }

    /** The campaign's tasks all ended: finished unless some posts are still held back (then it waits). */
    @ApplicationModuleListener
    void on(GroupFinished finished) {
        if (finished.group().startsWith("campaign:")) {
            finishIfDone(Long.parseLong(finished.group().substring("campaign:".length())));
        }
    }

    @Scheduled(fixedDelayString = "${switchboard.publishing.finish-check:1m}",
            initialDelayString = "${switchboard.publishing.finish-check:1m}")
    @SchedulerLock(name = "publishing.finish-campaigns", lockAtMostFor = "PT5M")
    void sweep() {
        List<Long> done = campaigns.runningWithEveryPostFinished();
        for (long campaignId : done) {
            if (Boolean.TRUE.equals(transactions.execute(status -> finishIfDone(campaignId)))) {
                log.warn("Campaign {} was still running with every post finished; finished it now", campaignId);
            }
        }
    }

    /** Finishes the campaign if it runs and every post is done; returns whether it did. In the caller's transaction. */
    private boolean finishIfDone(long campaignId) {
        PostCounts counts = posts.counts(campaignId);
        if (counts.finished() != counts.total()
                || !campaigns.transition(campaignId, List.of(CampaignStatus.RUNNING), CampaignStatus.FINISHED)) {
            return false;
        }
        media.releaseSchedule(Campaign.group(campaignId));
        events.publishEvent(new CampaignFinished(campaignId, campaigns.find(campaignId).map(Campaign::name).orElse(""),
                counts.get(PostStatus.PUBLISHED), counts.get(PostStatus.FAILED), counts.get(PostStatus.CANCELLED)));
        log.info("Campaign {} finished: {} published, {} failed, {} cancelled", campaignId,
                counts.get(PostStatus.PUBLISHED), counts.get(PostStatus.FAILED), counts.get(PostStatus.CANCELLED));
        return true;
    }
}
