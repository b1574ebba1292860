package io.switchboard.tasks;

import java.util.Locale;

/** Where a task is in its life. */
public enum TaskState {
    /** Waiting for its run-at time: a first run in the future, or a retry after back-off. */
    SCHEDULED,
    /** Due and waiting for a free slot on some instance. */
    QUEUED,
    /** Claimed by an instance under a lease. */
    RUNNING,
    SUCCEEDED,
    /** Failed for good: attempts used up, or a permanent failure. Kept for inspection and manual retry. */
    FAILED,
    CANCELLED;

    public boolean live() {
        return this == SCHEDULED || this == QUEUED || this == RUNNING;
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskState fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
