package io.switchboard.tasks;

import io.switchboard.infrastructure.InstanceIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Records outcomes in batches: whatever finished while the previous batch was being written goes into the
 * next transaction, so one commit covers many tasks under load and a lone task is recorded at once. A run
 * counts as done (its slot is freed) only after its outcome is committed.
 */
@Component
class Completer {
    private static final Logger log = LoggerFactory.getLogger(Completer.class);
    private final LinkedBlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final LeaseStore leases;
    private final ThroughputStore throughput;
    private final GroupStore groups;
    private final Notifier notifier;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final TaskMetrics metrics;
    private final InstanceIdentity instance;
    private final TaskSettings settings;
    private volatile Consumer<List<Execution>> onRecorded = runs -> { };
    private volatile boolean running;
    private Thread thread;

    Completer(LeaseStore leases, ThroughputStore throughput, GroupStore groups, Notifier notifier,
              TransactionTemplate transactions,
              ApplicationEventPublisher events, TaskMetrics metrics, InstanceIdentity instance, TaskSettings settings) {
        this.leases = leases;
        this.throughput = throughput;
        this.groups = groups;
        this.notifier = notifier;
        this.transactions = transactions;
        this.events = events;
        this.metrics = metrics;
        this.instance = instance;
        this.settings = settings;
    }

    private record Pending(Execution run, Finish finish) {
    }

    void start(Consumer<List<Execution>> onRecorded) {
        this.onRecorded = onRecorded;
        running = true;
        thread = Thread.ofPlatform().name("task-completer").daemon().start(this::loop);
    }

    void add(Execution run, Finish finish) {
        pending.add(new Pending(run, finish));
    }

    /** Stops after everything added so far is recorded (or {@code timeoutMillis} passed). */
    void stop(long timeoutMillis) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(timeoutMillis);
        }
        flushRemaining();
    }

    private void loop() {
        while (running || !pending.isEmpty()) {
            List<Pending> batch = new ArrayList<>();
            try {
                Pending first = pending.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch, settings.completionBatch() - 1);
                record(batch);
            } catch (InterruptedException e) {
                if (!batch.isEmpty()) {
                    pending.addAll(batch);
                }
                if (!running) {
                    return;
                }
            }
        }
    }

    private void flushRemaining() {
        List<Pending> rest = new ArrayList<>();
        pending.drainTo(rest);
        for (int from = 0; from < rest.size(); from += settings.completionBatch()) {
            try {
                record(rest.subList(from, Math.min(rest.size(), from + settings.completionBatch())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Writes one batch, retrying while the database is unreachable; the leases bound how long that matters. */
    private void record(List<Pending> batch) throws InterruptedException {
        long deadline = System.nanoTime() + settings.leaseDuration().toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                write(batch);
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    log.error("Gave up recording {} task outcome(s) after {} tries: {}. Their leases have expired; "
                            + "the tasks run again elsewhere.", batch.size(), attempt, e.getMessage());
                    onRecorded.accept(batch.stream().map(Pending::run).toList());
                    return;
                }
                log.warn("Could not record {} task outcome(s), retrying: {}", batch.size(), e.getMessage());
                Thread.sleep(Math.min(2000, 50L << Math.min(attempt, 6)));
            }
        }
    }

    private void write(List<Pending> batch) {
        List<Finish> finishes = new ArrayList<>(batch.size());
        List<LogLine> logs = new ArrayList<>();
        Map<Long, Execution> runs = new HashMap<>();
        // rows are locked in task id order, as the heartbeat locks them: a run that ends while its heartbeat is
        // being written is in both statements, and two orders of the same rows deadlock
        for (Pending p : batch.stream().sorted(java.util.Comparator.comparingLong(p -> p.finish().id())).toList()) {
            finishes.add(p.finish());
            logs.addAll(p.run().drainLogs());
            runs.put(p.finish().id(), p.run());
        }
        long start = System.nanoTime();
        List<Finished> recorded = transactions.execute(status -> {
            leases.appendLogs(logs);
            List<Finished> finished = leases.finish(finishes, instance.id());
            leases.releaseSlots(finished);
            throughput.record(instance.id(), finished);
            notifier.wake(LeaseStore.queuesToWake(finished));
            for (Finished f : finished) {
                if (f.state() == TaskState.FAILED) {
                    events.publishEvent(new TaskFailed(f.id(), f.kind(), f.group(),
                            f.error() == null ? "failed" : f.error()));
                }
            }
            groups.finishIfDone(endedGroups(finished)).forEach(events::publishEvent);
            return finished;
        });
        metrics.phase("completion", System.nanoTime() - start);
        if (!recorded.isEmpty()) {
            notifier.changedLater();
        }
        Set<Long> accepted = new HashSet<>();
        for (Finished f : recorded) {
            accepted.add(f.id());
            metrics.finished(f);
        }
        for (Pending p : batch) {
            if (!accepted.contains(p.finish().id())) {
                log.warn("Task {} ({}): the outcome of attempt {} was discarded because its lease was lost; "
                                + "the task was rescued or handed back and runs again", p.finish().id(),
                        p.run().task().kind(), p.run().task().attempt());
                p.run().leaseLost();
            }
        }
        onRecorded.accept(new ArrayList<>(runs.values()));
    }

    /** The groups of tasks that ended (not to run again): they may have been their group's last. */
    static Set<String> endedGroups(List<Finished> finished) {
        Set<String> touched = new TreeSet<>();
        for (Finished f : finished) {
            if (f.group() != null && !f.state().live()) {
                touched.add(f.group());
            }
        }
        return touched;
    }
}
