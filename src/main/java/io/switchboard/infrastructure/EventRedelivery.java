package io.switchboard.infrastructure;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Events whose listener failed (the database went away under it) or never finished (marked failed once
 * stale) are delivered again, on one instance at a time, without waiting for a restart. Listeners are
 * idempotent, so a second delivery changes nothing that the first did.
 */
@Component
class EventRedelivery {
    private static final Duration MIN_AGE = Duration.ofMinutes(1);
    private final FailedEventPublications failed;

    EventRedelivery(FailedEventPublications failed) {
        this.failed = failed;
    }

    @Scheduled(fixedDelayString = "${switchboard.events.redelivery-interval:1m}",
            initialDelayString = "${switchboard.events.redelivery-interval:1m}")
    @SchedulerLock(name = "events.redeliver-failed", lockAtMostFor = "PT10M")
    void redeliverFailed() {
        failed.resubmit(ResubmissionOptions.defaults().withMinAge(MIN_AGE));
    }
}
