package io.switchboard.api;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes idempotency answers past their retention, on one instance at a time. */
@Component
class IdempotencyPruning {
    private final Idempotency idempotency;

    IdempotencyPruning(Idempotency idempotency) {
        this.idempotency = idempotency;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT2M")
    @SchedulerLock(name = "api.prune-idempotency", lockAtMostFor = "PT5M")
    void prune() {
        idempotency.prune();
    }
}
