package io.switchboard.tasks;

import org.jspecify.annotations.Nullable;

import java.util.UUID;

/** A task this instance claimed: what the executor needs to run it and to record its outcome. */
record ClaimedTask(long id, String kind, String queue, String payload, int attempt, int maxAttempts,
                   UUID leaseToken, @Nullable String group, long waitMillis) {
}
