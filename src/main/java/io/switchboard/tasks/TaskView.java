package io.switchboard.tasks;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A task as lists show it. Progress is in the handler's own units; both parts are null until it reports.
 * {@code rerunRequested}: a submit found this task running and asked it to run once more when this run ends
 * ({@link TaskRequest#withRerunIfRunning()}); the pages say so rather than show a run that looks like the last.
 */
public record TaskView(long id, String kind, String queue, TaskState state, int priority, int attempt,
                       int maxAttempts, @Nullable String concurrencyKey, @Nullable String uniqueKey,
                       @Nullable String group, @Nullable String lastError, boolean cancelRequested,
                       boolean rerunRequested,
                       @Nullable UUID lockedBy, @Nullable Long progressDone, @Nullable Long progressTotal,
                       OffsetDateTime createdAt, OffsetDateTime runAt, @Nullable OffsetDateTime startedAt,
                       @Nullable OffsetDateTime finishedAt) {

    /** Progress as a whole percentage, or -1 when the task reports none. */
    public int percent() {
        if (progressDone == null || progressTotal == null || progressTotal <= 0) {
            return -1;
        }
        return (int) Math.min(100, progressDone * 100 / progressTotal);
    }
}
