package io.switchboard.tasks;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the operations pages ask about tasks. Every query is cancelled after a few seconds rather than load
 * the database, lists use keyset pagination over indexes, and the overview's figures are shared by all
 * pages of this instance for a second, however many browsers watch it.
 */
@Service
public class TaskQueries {
    static final Duration OVERVIEW_FRESHNESS = Duration.ofSeconds(1);
    private final TaskReadStore store;
    private final TaskSettings settings;
    private volatile @Nullable Snapshot overview;
    private final AtomicBoolean refreshing = new AtomicBoolean();

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

    private record Snapshot(Overview overview, long takenNanos) {
    }

    /**
     * The overview's figures, at most a second old: when they are older, this answer still uses them while a
     * fresh set is read in the background (a page never waits for the refresh, only the very first one).
     */
    public Overview overview() {
        Snapshot snapshot = overview;
        if (snapshot == null) {
            return refreshOverview().overview();
        }
        if (System.nanoTime() - snapshot.takenNanos() > OVERVIEW_FRESHNESS.toNanos()
                && refreshing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("overview-refresh").start(() -> {
                try {
                    refreshOverview();
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return snapshot.overview();
    }

    private Snapshot refreshOverview() {
        var live = store.liveCounts();
        Snapshot snapshot = new Snapshot(new Overview(store.counts(live), store.queues(live, settings::concurrency),
                store.find(TaskFilter.inState(TaskState.FAILED), null, 8).tasks(),
                store.throughput(Duration.ofHours(1))), System.nanoTime());
        overview = snapshot;
        return snapshot;
    }

    /** Tasks matching the filter, newest first, those with an id below {@code before} (null: from the newest). */
    public TaskPage find(TaskFilter filter, @Nullable Long before, int limit) {
        return store.find(filter, before, Math.clamp(limit, 1, 500));
    }

    /** How many matching tasks a bulk retry (failed, cancelled) or cancel (live) would touch, up to {@code cap}. */
    public long countFor(BulkAction action, TaskFilter filter, int cap) {
        return store.countForPage(filter, action.states(), cap);
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
