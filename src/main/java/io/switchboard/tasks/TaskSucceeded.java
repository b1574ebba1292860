package io.switchboard.tasks;

import org.jspecify.annotations.Nullable;

/** A task completed; published in the transaction that records it. */
public record TaskSucceeded(long taskId, String kind, @Nullable String group) {
}
