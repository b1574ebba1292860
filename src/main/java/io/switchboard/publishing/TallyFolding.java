package io.switchboard.publishing;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the post tallies small: every minute, on one instance at a time, each campaign's added rows (and each quarter
 * hour's, for the calendar, and each troubled group's hour, for the Overview) are folded into one per status, and each account's change counter rows into one (the
 * counts and sums read the same before and after).
 */
@Component
class TallyFolding {
    private final PostRepository posts;
    private final PostSlots slots;
    private final PostWaits waits;
    private final PostSummaries summaries;

    TallyFolding(PostRepository posts, PostSlots slots, PostWaits waits, PostSummaries summaries) {
        this.posts = posts;
        this.slots = slots;
        this.waits = waits;
        this.summaries = summaries;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    @SchedulerLock(name = "publishing.fold-tally", lockAtMostFor = "PT5M")
    void fold() {
        posts.foldTallies();
        slots.fold();
        waits.foldChanges();
        summaries.foldTrouble();
    }
}
