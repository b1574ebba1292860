package io.switchboard.tasks;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;

/**
 * Cluster-wide housekeeping, each job on one instance at a time (ShedLock on the database clock): rescuing
 * tasks of dead instances, pruning finished tasks after the retention, and checking the concurrency slots.
 */
@Component
class TaskHousekeeping {
    private static final Logger log = LoggerFactory.getLogger(TaskHousekeeping.class);
    private final MaintenanceStore maintenance;
    private final LeaseStore leases;
    private final GroupStore groups;
    private final Notifier notifier;
    private final TaskMetrics metrics;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final TaskSettings settings;
    private final DatabaseContact contact;

    TaskHousekeeping(MaintenanceStore maintenance, LeaseStore leases, GroupStore groups, Notifier notifier,
                     TaskMetrics metrics, ApplicationEventPublisher events, TransactionTemplate transactions,
                     TaskSettings settings, DatabaseContact contact) {
        this.contact = contact;
        this.maintenance = maintenance;
        this.leases = leases;
        this.groups = groups;
        this.notifier = notifier;
        this.metrics = metrics;
        this.events = events;
        this.transactions = transactions;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${switchboard.tasks.rescue-interval:5s}", initialDelayString = "PT2S")
    @SchedulerLock(name = "tasks.rescue", lockAtMostFor = "PT1M")
    void rescue() {
        boolean outage = contact.justRegained();
        List<Finished> rescued = transactions.execute(status -> {
            List<Finished> taken = maintenance.rescue(outage);
            leases.releaseSlots(taken);
            notifier.wake(LeaseStore.queuesToWake(taken));
            if (!taken.isEmpty()) {
                notifier.changed();
            }
            for (Finished f : taken) {
                if (f.state() == TaskState.FAILED) {
                    events.publishEvent(new TaskFailed(f.id(), f.kind(), f.group(), String.valueOf(f.error())));
                }
            }
            groups.finishIfDone(Completer.endedGroups(taken)).forEach(events::publishEvent);
            return taken;
        });
        if (rescued.isEmpty()) {
            return;
        }
        rescued.forEach(f -> metrics.rescued(f.kind()));
        log.warn(outage ? "Took back {} task(s) whose lease lapsed while the database could not be reached, without "
                        + "using an attempt: {}" : "Rescued {} task(s) whose instance stopped heartbeating: {}",
                rescued.size(),
                rescued.stream().limit(20).map(f -> f.id() + " (" + f.kind() + ", now " + f.state().dbValue() + ")")
                        .toList());
    }

    @Scheduled(fixedDelayString = "${switchboard.tasks.prune-interval:10m}", initialDelayString = "PT1M")
    @SchedulerLock(name = "tasks.prune", lockAtMostFor = "PT30M")
    void prune() {
        long deleted = 0;
        int batch;
        do {
            batch = maintenance.pruneTasks(settings.retention(), 5000);
            deleted += batch;
        } while (batch == 5000);
        int statistics = maintenance.pruneStatistics(settings.retention());
        int groupRows = maintenance.pruneGroups(settings.retention());
        if (deleted + statistics + groupRows > 0) {
            log.info("Pruned {} task(s), {} throughput row(s) and {} group(s) older than {}", deleted, statistics,
                    groupRows, settings.retention());
        }
    }

    @Scheduled(fixedDelayString = "${switchboard.tasks.reconcile-interval:1m}", initialDelayString = "PT30S")
    @SchedulerLock(name = "tasks.reconcile-slots", lockAtMostFor = "PT5M")
    void reconcileSlots() {
        Map<String, Integer> corrected = transactions.execute(status -> maintenance.reconcileSlots());
        if (!corrected.isEmpty()) {
            log.error("Corrected the running count of {} concurrency key(s) that disagreed with the running tasks "
                    + "(previous counts: {}). Please report this: it should not happen.", corrected.size(), corrected);
        }
    }
}
