package io.switchboard.tasks;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;


/** Heartbeats this instance, and (on one instance at a time) forgets instances long gone. */
@Component
class InstanceHousekeeping {
    private static final Logger log = LoggerFactory.getLogger(InstanceHousekeeping.class);
    private final InstanceRegistry registry;
    private final TaskEngine engine;
    private final DatabaseContact contact;

    InstanceHousekeeping(InstanceRegistry registry, TaskEngine engine, DatabaseContact contact) {
        this.registry = registry;
        this.engine = engine;
        this.contact = contact;
    }

    @Scheduled(fixedDelayString = "${switchboard.instances.heartbeat-interval:5s}")
    void heartbeat() {
        try {
            registry.heartbeat(engine.runningCount(), engine.queues());
            contact.reached();
        } catch (RuntimeException e) {
            contact.failed(e);
            log.warn("Heartbeat failed; will try again: {}", e.getMessage());
        }
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT30S")
    @SchedulerLock(name = "instances.forget-gone", lockAtMostFor = "PT5M")
    void forgetGone() {
        int forgotten = registry.forgetGone();
        if (forgotten > 0) {
            log.info("Removed {} instance(s) that had been silent for too long from the registry", forgotten);
        }
    }
}
