package io.switchboard.tasks;

import java.time.Instant;
import java.util.UUID;

/** A log line a handler wrote, waiting to be stored under the task's lease. */
record LogLine(long taskId, UUID leaseToken, int attempt, Instant at, LogLevel level, String message) {
}
