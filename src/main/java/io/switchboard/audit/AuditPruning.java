package io.switchboard.audit;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes audit entries older than the retention, on one instance at a time. */
@Component
class AuditPruning {
    private static final Logger log = LoggerFactory.getLogger(AuditPruning.class);
    private final AuditEvents events;
    private final AuditSettings settings;

    AuditPruning(AuditEvents events, AuditSettings settings) {
        this.events = events;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    @SchedulerLock(name = "audit.prune", lockAtMostFor = "PT30M")
    void prune() {
        int pruned = events.prune(settings.retention());
        if (pruned > 0) {
            log.info("Deleted {} audit entries older than {}", pruned, settings.retention());
        }
    }
}
