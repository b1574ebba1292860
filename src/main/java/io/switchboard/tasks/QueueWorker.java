package io.switchboard.tasks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Claims the due tasks of one queue on this instance, as many at a time as it has free slots, and hands them
 * to the dispatcher. Sleeps while the queue is empty until a notification, a freed slot or the poll interval
 * wakes it.
 */
final class QueueWorker {
    private static final Logger log = LoggerFactory.getLogger(QueueWorker.class);
    private final String queue;
    private final int concurrency;
    private final int claimBatch;
    /** Claim in batches under load (once a quarter of a batch's slots are free), at once when idle. */
    private final int threshold;
    private final long pollMillis;
    private final Semaphore slots;
    private final IntFunction<List<Execution>> claim;
    private final Consumer<Execution> dispatch;
    private final Object lock = new Object();
    private boolean workSignalled = true;
    private volatile boolean running = true;
    private Thread thread;

    QueueWorker(String queue, int concurrency, int claimBatch, long pollMillis,
                IntFunction<List<Execution>> claim, Consumer<Execution> dispatch) {
        this.queue = queue;
        this.concurrency = concurrency;
        // at most half the slots per claim: the next claim runs while the previous batch's outcomes are being
        // recorded, instead of claim and completion taking turns (each waits for the other's slots otherwise)
        this.claimBatch = Math.max(1, Math.min(claimBatch, concurrency / 2));
        this.threshold = Math.max(1, this.claimBatch / 4);
        this.pollMillis = pollMillis;
        this.slots = new Semaphore(concurrency);
        this.claim = claim;
        this.dispatch = dispatch;
    }

    String queue() {
        return queue;
    }

    int running() {
        return concurrency - slots.availablePermits();
    }

    QueueWorker start() {
        thread = Thread.ofPlatform().name("task-queue-" + queue).daemon().start(this::loop);
        return this;
    }

    /** New due work may be waiting (a notification, a promotion, a resumed queue). */
    void wake() {
        synchronized (lock) {
            workSignalled = true;
            lock.notifyAll();
        }
    }

    /** Runs finished and their outcomes are recorded: their slots are free again. */
    void released(int count) {
        slots.release(count);
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    void stop() {
        running = false;
        wake();
    }

    void join(long millis) throws InterruptedException {
        if (thread != null) {
            thread.join(millis);
        }
    }

    private void loop() {
        boolean more = true;
        int failures = 0;
        while (running) {
            try {
                more |= takeSignal();
                int free = slots.availablePermits();
                if (more && free >= threshold) {
                    int asked = Math.min(free, claimBatch);
                    if (!slots.tryAcquire(asked)) {
                        continue;
                    }
                    List<Execution> claimed = List.of();
                    try {
                        claimed = claim.apply(asked);
                    } finally {
                        // the slots of tasks not found go back at once; the claimed ones when they finish
                        slots.release(asked - claimed.size());
                    }
                    more = !claimed.isEmpty(); // a short batch may only mean busy keys: look again until none
                    claimed.forEach(dispatch);
                    failures = 0;
                    continue;
                }
                more = await(pollMillis) || more;
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                failures++;
                log.warn("Queue {}: claiming failed ({} in a row), trying again: {}", queue, failures, e.getMessage());
                sleepQuietly(Math.min(5000, 100L << Math.min(failures, 6)));
            }
        }
    }

    private boolean takeSignal() {
        synchronized (lock) {
            boolean signalled = workSignalled;
            workSignalled = false;
            return signalled;
        }
    }

    /** Waits for a signal; true if work was signalled or the poll interval passed (time to look again). */
    private boolean await(long millis) throws InterruptedException {
        synchronized (lock) {
            if (workSignalled || !running) {
                return true;
            }
            long before = System.nanoTime();
            lock.wait(millis);
            return workSignalled || System.nanoTime() - before >= millis * 1_000_000L;
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
