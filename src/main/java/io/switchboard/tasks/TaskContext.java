package io.switchboard.tasks;

import org.jspecify.annotations.Nullable;

/**
 * What a handler knows and tells about the run in progress. Progress, counters and log lines are buffered
 * and written under the task's lease about once a second and before the outcome; once the lease is lost
 * they are discarded.
 */
public interface TaskContext {

    long taskId();

    /** 1 for the first attempt. */
    int attempt();

    int maxAttempts();

    @Nullable String group();

    /** Work done out of total, in the handler's own units (bytes, posts, steps). */
    void progress(long done, long total);

    /** Adds to a named counter shown with the task ("published", "skipped"). */
    void count(String counter, long delta);

    void log(LogLevel level, String message);

    default void info(String message) {
        log(LogLevel.INFO, message);
    }

    default void warn(String message) {
        log(LogLevel.WARN, message);
    }

    default void error(String message) {
        log(LogLevel.ERROR, message);
    }

    /** An operator asked to cancel this task: stop at the next safe point and return {@link Outcome#cancelled}. */
    boolean cancelRequested();

    /**
     * Whether this run still holds the task's lease. False once the lease was lost (this instance was cut off
     * long enough for the task to be rescued, or it is shutting down and handed the task back): stop, nothing
     * this run writes or returns will count.
     */
    boolean leaseHeld();
}
