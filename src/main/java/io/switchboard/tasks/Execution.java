package io.switchboard.tasks;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of a claimed task on this instance: the handler's {@link TaskContext}, and what the heartbeat and
 * the outcome carry to the database (progress, counters, log lines), all under the run's lease.
 * <p>
 * The run believes it holds its lease only until a local deadline: the start of the last heartbeat that
 * reached the database (at first, of the claim) plus the lease, less a margin. A run cut off from the
 * database (an outage, a starved connection pool) so stops believing it before the database lets the lease
 * expire and another instance can take the task, whatever the clocks say: the deadline is on this JVM's
 * monotonic clock and only ever measured from moments before the database's own.
 */
final class Execution implements TaskContext {
    private static final java.util.regex.Pattern COUNTER_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_. -]{1,40}");
    private static final int RUNNING = 0;
    private static final int ENDED = 1;
    private static final int HANDED_BACK = 2;
    private final ClaimedTask task;
    private final long startedNanos = System.nanoTime();
    private final long validNanos;
    private final AtomicInteger stage = new AtomicInteger(RUNNING);
    private volatile long deadlineNanos;
    private final ConcurrentLinkedQueue<LogLine> pendingLogs = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> counters = new TreeMap<>();
    private volatile long progressDone = -1;
    private volatile long progressTotal = -1;
    private volatile boolean dirty;
    private volatile boolean cancelRequested;
    private volatile boolean leaseLost;
    private volatile @Nullable Thread thread;

    /**
     * @param claimedAtNanos {@link System#nanoTime()} just before the claim was sent
     * @param validNanos     how long a claim or heartbeat keeps the lease believed: the lease less a margin
     */
    Execution(ClaimedTask task, long claimedAtNanos, long validNanos) {
        this.task = task;
        this.validNanos = validNanos;
        this.deadlineNanos = claimedAtNanos + validNanos;
    }

    /** What a heartbeat writes for this run. */
    record Beat(long id, UUID leaseToken, @Nullable Long progressDone, @Nullable Long progressTotal,
                @Nullable String countersJson) {
    }

    ClaimedTask task() {
        return task;
    }

    long runningNanos() {
        return System.nanoTime() - startedNanos;
    }

    void runningOn(@Nullable Thread thread) {
        this.thread = thread;
    }

    @Nullable Thread thread() {
        return thread;
    }

    @Override
    public long taskId() {
        return task.id();
    }

    @Override
    public int attempt() {
        return task.attempt();
    }

    @Override
    public int maxAttempts() {
        return task.maxAttempts();
    }

    @Override
    public @Nullable String group() {
        return task.group();
    }

    @Override
    public void progress(long done, long total) {
        progressDone = Math.max(0, done);
        progressTotal = Math.max(0, total);
        dirty = true;
    }

    @Override
    public void count(String counter, long delta) {
        if (!COUNTER_NAME.matcher(counter).matches()) {
            throw new IllegalArgumentException("A counter name is 1 to 40 letters, digits, spaces, '.', '_' or '-': "
                    + counter);
        }
        synchronized (counters) {
            counters.merge(counter, delta, Long::sum);
        }
        dirty = true;
    }

    @Override
    public void log(LogLevel level, String message) {
        String bounded = message.length() > 4000 ? message.substring(0, 4000) + "…" : message;
        pendingLogs.add(new LogLine(task.id(), task.leaseToken(), task.attempt(), Instant.now(), level, bounded));
    }

    @Override
    public boolean cancelRequested() {
        return cancelRequested;
    }

    @Override
    public boolean leaseHeld() {
        if (leaseLost) {
            return false;
        }
        if (System.nanoTime() - deadlineNanos >= 0) {
            leaseLost = true; // once past, for good: a handler told to stop is never told to go on
            return false;
        }
        return true;
    }

    /** The local deadline passed before a heartbeat reached the database (not: the lease was taken away). */
    boolean lapsed() {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    /** A heartbeat sent at {@code sentAtNanos} extended the lease in the database. */
    void beaten(long sentAtNanos) {
        if (!leaseLost) {
            deadlineNanos = Math.max(deadlineNanos, sentAtNanos + validNanos);
        }
    }

    void cancelRequested(boolean requested) {
        cancelRequested = requested;
    }

    void leaseLost() {
        leaseLost = true;
    }

    /**
     * The handler returned; returns whether its outcome is to be recorded, false if a stopping engine took
     * the run to hand it back (then that is what is recorded).
     */
    boolean end() {
        return stage.compareAndSet(RUNNING, ENDED);
    }

    boolean isEnded() {
        return stage.get() == ENDED;
    }

    /** A stopping engine takes the run to hand it back; false if it ended first (its outcome goes in). */
    boolean takeForHandBack() {
        if (!stage.compareAndSet(RUNNING, HANDED_BACK)) {
            return false;
        }
        leaseLost = true;
        return true;
    }

    /** Log lines written since the last call, oldest first. */
    List<LogLine> drainLogs() {
        List<LogLine> lines = new ArrayList<>();
        for (LogLine line; (line = pendingLogs.poll()) != null; ) {
            lines.add(line);
        }
        return lines;
    }

    Beat beat() {
        dirty = false;
        return new Beat(task.id(), task.leaseToken(), progressDoneOrNull(), progressTotalOrNull(), countersJson());
    }

    boolean dirty() {
        return dirty;
    }

    @Nullable Long progressDoneOrNull() {
        return progressDone < 0 ? null : progressDone;
    }

    @Nullable Long progressTotalOrNull() {
        return progressTotal < 0 ? null : progressTotal;
    }

    /** The counters as a JSON object (their names need no escaping), or null if there are none. */
    @Nullable String countersJson() {
        synchronized (counters) {
            if (counters.isEmpty()) {
                return null;
            }
            StringBuilder json = new StringBuilder("{");
            counters.forEach((name, value) -> {
                if (json.length() > 1) {
                    json.append(',');
                }
                json.append('"').append(name).append("\":").append(value);
            });
            return json.append('}').toString();
        }
    }
}
