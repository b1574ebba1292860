package io.switchboard.tasks;

import io.switchboard.infrastructure.InstanceIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The engine on this instance: a worker per queue claims tasks, each run on its own virtual thread; a ticker
 * heartbeats leases and promotes scheduled tasks; the completer records outcomes. Stops gracefully: no new
 * claims, running tasks get a bounded time to finish, the rest go back to the queue without using an attempt.
 */
@Component
class TaskEngine implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(TaskEngine.class);
    /** How long interrupted runs get to stop before their tasks are handed back. */
    private static final Duration INTERRUPTED_STOP = Duration.ofSeconds(2);
    /** How often claims and outcomes recorded since are announced to live pages (one notification for all). */
    private static final Duration CHANGES_INTERVAL = Duration.ofMillis(50);
    private final TaskSettings settings;
    private final LeaseStore leases;
    private final MaintenanceStore maintenance;
    private final Completer completer;
    private final Executor executor;
    private final Listener listener;
    private final Notifier notifier;
    private final TaskMetrics metrics;
    private final TransactionTemplate transactions;
    private final InstanceIdentity instance;
    private final DatabaseContact contact;
    private final Map<String, QueueWorker> workers = new ConcurrentHashMap<>();
    private final Map<Long, Execution> executions = new ConcurrentHashMap<>();
    private volatile boolean running;
    private ScheduledExecutorService ticker;

    TaskEngine(TaskSettings settings, LeaseStore leases, MaintenanceStore maintenance, Completer completer,
               Executor executor, Listener listener, Notifier notifier, TaskMetrics metrics,
               TransactionTemplate transactions, InstanceIdentity instance, DatabaseContact contact) {
        this.contact = contact;
        this.settings = settings;
        this.leases = leases;
        this.maintenance = maintenance;
        this.completer = completer;
        this.executor = executor;
        this.listener = listener;
        this.notifier = notifier;
        this.metrics = metrics;
        this.transactions = transactions;
        this.instance = instance;
    }

    @Override
    public void start() {
        running = true;
        if (settings.listen()) {
            listener.start(this::wake);
        }
        ticker = Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("task-ticker-", 0).daemon().factory());
        if (!settings.workers()) {
            log.info("Task workers are off on this instance (switchboard.tasks.workers=false)");
            return;
        }
        completer.start(this::recorded);
        notifier.wakeHere(this::wake);
        Set<String> queues = new TreeSet<>(settings.queues().keySet());
        queues.add(TaskRequest.DEFAULT_QUEUE);
        queues.addAll(maintenance.queuesWithWork());
        queues.forEach(this::worker);
        every(settings.heartbeatInterval(), this::heartbeat);
        every(settings.promoteInterval(), this::promote);
        every(CHANGES_INTERVAL, notifier::sendPendingChange);
        every(Duration.ofSeconds(15), () -> maintenance.queuesWithWork().forEach(this::worker));
        every(Duration.ofSeconds(10), () -> metrics.depth(maintenance.depths()));
        log.info("Task engine running queues {} (lease {}, poll {})", workers.keySet(), settings.leaseDuration(),
                settings.pollInterval());
    }

    /** Wakes the queue's worker on this instance, starting one for a queue seen for the first time. */
    void wake(String queue) {
        if (running && settings.workers()) {
            worker(queue).wake();
        }
    }

    /** Tasks running on this instance now, and the queues it works. */
    int runningCount() {
        return executions.size();
    }

    List<String> queues() {
        return List.copyOf(new TreeSet<>(workers.keySet()));
    }

    private QueueWorker worker(String queue) {
        return workers.computeIfAbsent(queue, q -> new QueueWorker(q, settings.concurrency(q), settings.claimBatch(),
                settings.pollInterval().toMillis(),
                limit -> claim(q, limit),
                this::dispatch).start());
    }

    private List<Execution> claim(String queue, int limit) {
        long sent = System.nanoTime();
        List<ClaimedTask> claimed = leases.claim(queue, limit, instance.id(), settings.leaseDuration());
        metrics.phase("claim", System.nanoTime() - sent);
        if (!claimed.isEmpty()) {
            notifier.changedLater();
        }
        long valid = settings.believedLease().toNanos();
        return claimed.stream().map(task -> new Execution(task, sent, valid)).toList();
    }

    private void dispatch(Execution run) {
        ClaimedTask task = run.task();
        executions.put(task.id(), run);
        Thread thread = Thread.ofVirtual().name("task-" + task.id()).unstarted(() -> executor.run(run));
        run.runningOn(thread);
        thread.start();
    }

    /** Outcomes committed (or given up): the runs are over and their slots free. */
    private void recorded(List<Execution> runs) {
        Map<String, Integer> perQueue = new HashMap<>();
        for (Execution run : runs) {
            if (executions.remove(run.taskId()) != null) {
                perQueue.merge(run.task().queue(), 1, Integer::sum);
            }
        }
        perQueue.forEach((queue, count) -> worker(queue).released(count));
    }

    /** Extends the leases of long runs, stores their progress and logs, and tells them of cancel requests. */
    private void heartbeat() {
        long minNanos = settings.heartbeatInterval().toNanos() / 2;
        List<Execution> beating = new ArrayList<>();
        for (Execution run : executions.values()) {
            if (run.runningNanos() >= minNanos && run.leaseHeld() && !run.isEnded()) {
                beating.add(run);
            }
        }
        if (beating.isEmpty()) {
            return;
        }
        // in task id order, as the completer locks the rows it finishes (see Completer.write)
        beating.sort(java.util.Comparator.comparingLong(Execution::taskId));
        List<Execution.Beat> beats = beating.stream().map(Execution::beat).toList();
        List<LogLine> logs = new ArrayList<>();
        beating.forEach(run -> logs.addAll(run.drainLogs()));
        long sent = System.nanoTime();
        Map<Long, Boolean> held = transactions.execute(status -> {
            leases.appendLogs(logs);
            return leases.heartbeat(beats, settings.leaseDuration());
        });
        contact.reached();
        for (Execution run : beating) {
            Boolean cancel = held.get(run.taskId());
            if (cancel == null) {
                if (run.isEnded()) {
                    continue; // its outcome was recorded meanwhile, which ended the lease
                }
                if (run.leaseHeld()) {
                    log.warn("Task {} ({}) lost its lease on this instance; its run will not count", run.taskId(),
                            run.task().kind());
                }
                run.leaseLost();
            } else {
                run.beaten(sent);
                run.cancelRequested(cancel);
            }
        }
    }

    private void promote() {
        Set<String> queues = transactions.execute(status -> {
            Set<String> promoted = maintenance.promote(1000);
            notifier.wake(promoted);
            return promoted;
        });
        contact.reached();
        queues.forEach(this::wake);
    }

    private void every(Duration interval, Runnable job) {
        long millis = Math.max(10, interval.toMillis());
        ticker.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                contact.failed(e);
                log.warn("Task engine housekeeping step failed, retrying next time: {}", e.getMessage());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        workers.values().forEach(QueueWorker::stop);
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        try {
            for (QueueWorker worker : workers.values()) {
                worker.join(1000);
            }
            while (!executions.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            handBackUnfinished();
            completer.stop(5000);
            announcePendingChange();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ticker.shutdownNow();
            listener.stop();
        }
    }

    /** The last claims and outcomes reach live pages; a database already gone is no reason to fail the stop. */
    private void announcePendingChange() {
        try {
            notifier.sendPendingChange();
        } catch (RuntimeException e) {
            log.debug("Could not announce the last task changes while stopping: {}", e.getMessage());
        }
    }

    /**
     * Runs still going after the grace period go back to the queue without using an attempt. Each is told its
     * lease is gone and interrupted first, and given a moment to stop, so it makes no call after another
     * instance could have taken the task over.
     */
    private void handBackUnfinished() throws InterruptedException {
        List<Execution> unfinished = executions.values().stream().filter(Execution::takeForHandBack).toList();
        if (unfinished.isEmpty()) {
            return;
        }
        for (Execution run : unfinished) {
            Thread thread = run.thread();
            if (thread != null) {
                thread.interrupt();
            }
        }
        long deadline = System.nanoTime() + INTERRUPTED_STOP.toNanos();
        for (Execution run : unfinished) {
            Thread thread = run.thread();
            long left = deadline - System.nanoTime();
            if (thread != null && left > 0) {
                thread.join(Duration.ofNanos(left));
            }
        }
        List<Finished> returned = transactions.execute(status -> {
            List<Finished> handed = leases.finish(unfinished.stream().map(Outcomes::handBack).toList(), instance.id());
            leases.releaseSlots(handed);
            notifier.wakeAndChanged(LeaseStore.queuesToWake(handed));
            return handed;
        });
        log.info("Stopping: handed {} unfinished task(s) back to their queues without using an attempt",
                returned.size());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after everything else (the database is migrated) and stops first, before the web server. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }
}
