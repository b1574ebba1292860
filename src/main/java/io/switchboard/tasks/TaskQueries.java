package io.switchboard.tasks;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What the operations pages ask about tasks. Every query is cancelled after a few seconds rather than load
 * the database, lists use keyset pagination over indexes, and the overview's figures are read once for all the
 * pages of this instance that ask at the same moment, however many browsers watch it, but never older than the
 * request: a page asking while a read is under way waits for the next read, which starts after it asked.
 */
@Service
public class TaskQueries {
    private final TaskReadStore store;
    private final TaskSettings settings;
    private final Object reads = new Object();
    /** The read that has not started yet: every caller that joins it asked before it started. */
    private @Nullable CompletableFuture<Overview> next;
    /** The read under way, if any; the next one starts when it ends. */
    private @Nullable CompletableFuture<Overview> running;

    TaskQueries(TaskReadStore store, TaskSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /**
     * The figures of the Overview page.
     *
     * @param failures the latest tasks that failed for good, newest first
     * @param throughput tasks finished per minute over the last hour
     */
    public record Overview(TaskCounts counts, List<QueueStats> queues, List<TaskView> failures,
                           List<ThroughputPoint> throughput) {
    }

    /**
     * The overview's figures as the database has them at the moment of the call or later: callers that ask
     * together share one read, and a caller never gets a read that started before it asked.
     */
    public Overview overview() {
        CompletableFuture<Overview> mine;
        boolean reader;
        synchronized (reads) {
            reader = next == null;
            if (reader) {
                next = new CompletableFuture<>();
            }
            mine = next;
        }
        if (reader) {
            read(mine);
        }
        try {
            return mine.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Waits for the read under way to end, then reads for everyone who joined {@code mine}. */
    private void read(CompletableFuture<Overview> mine) {
        CompletableFuture<Overview> before;
        synchronized (reads) {
            before = running;
        }
        if (before != null) {
            before.exceptionally(e -> null).join();
        }
        synchronized (reads) {
            next = null;
            running = mine;
        }
        try {
            var live = store.liveCounts();
            mine.complete(new Overview(store.counts(live), store.queues(live, settings::concurrency),
                    store.find(TaskFilter.inState(TaskState.FAILED), null, 8).tasks(),
                    store.throughput(Duration.ofHours(1))));
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
        }
    }

    /** Tasks matching the filter, newest first, those with an id below {@code before} (null: from the newest). */
    public TaskPage find(TaskFilter filter, @Nullable Long before, int limit) {
        return store.find(filter, before, Math.clamp(limit, 1, 500));
    }

    /** How many matching tasks a bulk retry (failed, cancelled) or cancel (live) would touch, up to {@code cap}. */
    public long countFor(BulkAction action, TaskFilter filter, int cap) {
        return store.countForPage(filter, action.states(), cap);
    }

    /**
     * The latest task that held each of these unique keys ("post:42"), by key; a key whose tasks were all pruned is
     * absent.
     */
    public Map<String, Long> latestByUniqueKey(Collection<String> keys) {
        return store.latestByUniqueKey(keys);
    }

    public Optional<TaskDetail> detail(long taskId) {
        return store.detail(taskId);
    }

    /** The task's log lines after the one with {@code afterId} (0: from the start), oldest first. */
    public List<TaskDetail.LogEntry> logsAfter(long taskId, long afterId) {
        return store.logs(taskId, afterId);
    }

    public TaskCounts counts() {
        return overview().counts();
    }

    public List<QueueStats> queues() {
        return store.queues(store.liveCounts(), settings::concurrency);
    }

    public List<ThroughputPoint> throughput(Duration window) {
        return store.throughput(window);
    }

    /** Commands that apply to a whole filtered selection. */
    public enum BulkAction {
        /** runs failed and cancelled tasks again */
        RETRY(Set.of(TaskState.FAILED, TaskState.CANCELLED)),
        /** cancels waiting tasks and asks running ones to stop */
        CANCEL(TaskReadStore.LIVE);

        private final Set<TaskState> states;

        BulkAction(Set<TaskState> states) {
            this.states = states;
        }

        Set<TaskState> states() {
            return states;
        }
    }
}
