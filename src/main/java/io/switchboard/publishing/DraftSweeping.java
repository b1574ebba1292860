package io.switchboard.publishing;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/** Deletes the preview's kept plans older than {@link PlanDrafts#KEPT}, every ten minutes, on one instance at a time. */
@Component
class DraftSweeping {
    private final CampaignDrafts drafts;
    private final Clock clock;

    DraftSweeping(CampaignDrafts drafts, org.springframework.beans.factory.ObjectProvider<Clock> clock) {
        this.drafts = drafts;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT5M")
    @SchedulerLock(name = "publishing.sweep-drafts", lockAtMostFor = "PT5M")
    @Transactional
    public void sweep() {
        drafts.deleteOlderThan(clock.instant().minus(PlanDrafts.KEPT));
    }
}
