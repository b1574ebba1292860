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
import java.util.Set;
import java.util.TreeSet;

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

    TaskHousekeeping(MaintenanceStore maintenance, LeaseStore leases, GroupStore groups, Notifier notifier,
                     TaskMetrics metrics, ApplicationEventPublisher events, TransactionTemplate transactions,
                     TaskSettings settings) {
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
        List<Finished> rescued = transactions.execute(status -> {
            List<Finished> taken = maintenance.rescue();
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
            return taken;
        });
        if (rescued.isEmpty()) {
            return;
        }
        rescued.forEach(f -> metrics.rescued(f.kind()));
        log.warn("Rescued {} task(s) whose instance stopped heartbeating: {}", rescued.size(),
                rescued.stream().limit(20).map(f -> f.id() + " (" + f.kind() + ", now " + f.state().dbValue() + ")")
                        .toList());
        Set<String> finishedGroups = new TreeSet<>();
        rescued.stream().filter(f -> f.group() != null && !f.state().live()).forEach(f -> finishedGroups.add(f.group()));
        if (!finishedGroups.isEmpty()) {
            transactions.executeWithoutResult(status -> groups.finishIfDone(finishedGroups).forEach(events::publishEvent));
        }
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
