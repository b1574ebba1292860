package io.switchboard.tasks;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;

/**
 * A task to submit: its kind and payload plus how it is to run. Immutable; the {@code with…} methods return
 * a changed copy.
 *
 * @param queue            the queue that runs it; each instance runs a configured number of tasks per queue
 * @param priority         higher runs first among due tasks of a queue (-100..100, default 0)
 * @param runAt            not before this time; null means now
 * @param maxAttempts      attempts before the task is failed for good (at least 1)
 * @param concurrencyKey   tasks sharing this key run at most {@code concurrencyLimit} at a time, cluster-wide
 * @param uniqueKey        no second scheduled, queued or running task may have this key; a submit that would
 *                         create one returns the existing task instead
 * @param group            a parent such as a campaign run: paused, resumed and cancelled as one, and
 *                         announced finished when none of its tasks is left to run
 * @param rerunIfRunning   when the unique key is held by a task that is running, that task runs once more after
 *                         this run ends, as though submitted fresh: a submit made because what the task works on
 *                         changed is never lost to a run that read it before the change and is about to finish
 */
public record TaskRequest<P>(TaskKind<P> kind, P payload, String queue, int priority, @Nullable Instant runAt,
                             int maxAttempts, @Nullable String concurrencyKey, int concurrencyLimit,
                             @Nullable String uniqueKey, @Nullable String group, boolean rerunIfRunning) {
    public static final String DEFAULT_QUEUE = "default";
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** Compiled once: every {@code with…} copy checks its queue name again (a 200,000-post launch made 1.6 M). */
    private static final java.util.regex.Pattern QUEUE_NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9_-]{0,49}");

    public TaskRequest {
        if (!QUEUE_NAME.matcher(queue).matches()) {
            throw new IllegalArgumentException("A queue name is lower-case letters, digits, '_' or '-': " + queue);
        }
        if (priority < -100 || priority > 100) {
            throw new IllegalArgumentException("priority must be within -100..100: " + priority);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (concurrencyKey != null && concurrencyLimit < 1) {
            throw new IllegalArgumentException("a concurrency limit must be at least 1: " + concurrencyLimit);
        }
    }

    public static <P> TaskRequest<P> of(TaskKind<P> kind, P payload) {
        return new TaskRequest<>(kind, payload, DEFAULT_QUEUE, 0, null, DEFAULT_MAX_ATTEMPTS, null, 0, null, null,
                false);
    }

    public TaskRequest<P> withQueue(String queue) {
        return new TaskRequest<>(kind, payload, queue, priority, runAt, maxAttempts, concurrencyKey,
                concurrencyLimit, uniqueKey, group, rerunIfRunning);
    }

    public TaskRequest<P> withPriority(int priority) {
        return new TaskRequest<>(kind, payload, queue, priority, runAt, maxAttempts, concurrencyKey,
                concurrencyLimit, uniqueKey, group, rerunIfRunning);
    }

    public TaskRequest<P> withRunAt(@Nullable Instant runAt) {
        return new TaskRequest<>(kind, payload, queue, priority, runAt, maxAttempts, concurrencyKey,
                concurrencyLimit, uniqueKey, group, rerunIfRunning);
    }

    public TaskRequest<P> withDelay(Duration delay) {
        return withRunAt(Instant.now().plus(delay));
    }

    public TaskRequest<P> withMaxAttempts(int maxAttempts) {
        return new TaskRequest<>(kind, payload, queue, priority, runAt, maxAttempts, concurrencyKey,
                concurrencyLimit, uniqueKey, group, rerunIfRunning);
    }

    public TaskRequest<P> withConcurrency(String key, int limit) {
        return new TaskRequest<>(kind, payload, queue, priority, runAt, maxAttempts, key, limit, uniqueKey, group,
                rerunIfRunning);
    }

    public TaskRequest<P> withUniqueKey(String uniqueKey) {
        return new TaskRequest<>(kind, payload, queue, priority, runAt, maxAttempts, concurrencyKey,
                concurrencyLimit, uniqueKey, group, rerunIfRunning);
    }

    public TaskRequest<P> withGroup(String group) {
        return new TaskRequest<>(kind, payload, queue, priority, runAt, maxAttempts, concurrencyKey,
                concurrencyLimit, uniqueKey, group, rerunIfRunning);
    }

    /** See {@code rerunIfRunning}: only meaningful with a unique key. */
    public TaskRequest<P> withRerunIfRunning() {
        return new TaskRequest<>(kind, payload, queue, priority, runAt, maxAttempts, concurrencyKey,
                concurrencyLimit, uniqueKey, group, true);
    }
}
