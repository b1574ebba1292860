package io.switchboard.sandbox;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.context.annotation.Conditional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Keeps the sandbox's call counts to the last day, on one instance at a time. */
@Component
@Conditional(SandboxEnabled.class)
class UsagePruning {
    private final BehaviourStore behaviour;

    UsagePruning(BehaviourStore behaviour) {
        this.behaviour = behaviour;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    @SchedulerLock(name = "sandbox.prune-usage", lockAtMostFor = "PT5M")
    void prune() {
        behaviour.pruneUsage();
    }
}
