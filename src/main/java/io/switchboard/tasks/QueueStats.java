package io.switchboard.tasks;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;

/**
 * A queue as the Queues page shows it.
 *
 * @param finishedLastHour tasks of the queue that succeeded, failed for good or were cancelled in the last hour
 * @param concurrency      tasks of the queue one instance runs at once (this instance's setting)
 */
public record QueueStats(String name, long scheduled, long queued, long running, boolean paused,
                         @Nullable String pausedBy, @Nullable OffsetDateTime pausedAt, long finishedLastHour,
                         int concurrency) {

    /** Tasks waiting: due ones and ones whose time has not come. */
    public long depth() {
        return scheduled + queued;
    }
}
