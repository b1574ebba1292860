package io.switchboard.tasks;

import org.jspecify.annotations.Nullable;

/** A task failed for good (attempts used up, or a permanent failure); published in the recording transaction. */
public record TaskFailed(long taskId, String kind, @Nullable String group, String error) {
}
