package io.switchboard.tasks;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One run of a claimed task on this instance: the handler's {@link TaskContext}, and what the heartbeat and
 * the outcome carry to the database (progress, counters, log lines), all under the run's lease.
 */
final class Execution implements TaskContext {
    private static final java.util.regex.Pattern COUNTER_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_. -]{1,40}");
    private final ClaimedTask task;
    private final long startedNanos = System.nanoTime();
    private final ConcurrentLinkedQueue<LogLine> pendingLogs = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> counters = new TreeMap<>();
    private volatile long progressDone = -1;
    private volatile long progressTotal = -1;
    private volatile boolean dirty;
    private volatile boolean cancelRequested;
    private volatile boolean leaseHeld = true;
    private volatile boolean ended;
    private volatile @Nullable Thread thread;

    Execution(ClaimedTask task) {
        this.task = task;
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
        return leaseHeld;
    }

    void cancelRequested(boolean requested) {
        cancelRequested = requested;
    }

    void leaseLost() {
        leaseHeld = false;
    }

    /** The handler returned; its outcome is on its way to the database. */
    void ended() {
        ended = true;
    }

    boolean isEnded() {
        return ended;
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
