package io.switchboard.tasks;

import org.jspecify.annotations.Nullable;

/** A task whose outcome was recorded (its lease was still valid), as it now stands. */
record Finished(long id, String kind, String queue, TaskState state, @Nullable String group,
                @Nullable String concurrencyKey, @Nullable String error) {
}
