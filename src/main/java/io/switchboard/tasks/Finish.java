package io.switchboard.tasks;

import org.jspecify.annotations.Nullable;

import java.util.UUID;

/**
 * An outcome to record under a lease.
 *
 * @param state        SUCCEEDED, FAILED, CANCELLED, or SCHEDULED / QUEUED to run again
 * @param delayMillis  for SCHEDULED: from now (database clock) until the next run
 * @param attemptDelta -1 when this run must not count as an attempt (retry later, handed back), else 0
 * @param countersJson the run's named counters as a JSON object, or null when it kept none
 */
record Finish(long id, UUID leaseToken, TaskState state, long delayMillis, int attemptDelta,
              @Nullable String error, @Nullable Long progressDone, @Nullable Long progressTotal,
              @Nullable String countersJson) {
}
