package io.switchboard.tasks;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the operations pages ask about tasks. Every query runs in a read-only transaction with a statement
 * timeout, so a page can never hold up the queue; lists use keyset pagination over indexes.
 */
@Service
public class TaskQueries {
    /** A page's query is cancelled after this long rather than load the database. */
    static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(3);
    private final TaskReadStore store;
    private final TransactionTemplate readOnly;
    private final TaskSettings settings;

    TaskQueries(TaskReadStore store, TransactionTemplate transactions, TaskSettings settings) {
        this.store = store;
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.settings = settings;
    }

    /** Tasks matching the filter, newest first, those with an id below {@code before} (null: from the newest). */
    public TaskPage find(TaskFilter filter, @Nullable Long before, int limit) {
        return bounded(() -> store.find(filter, before, Math.clamp(limit, 1, 500)));
    }

    /** How many matching tasks a bulk retry (failed, cancelled) or cancel (live) would touch, up to {@code cap}. */
    public long countFor(BulkAction action, TaskFilter filter, int cap) {
        return bounded(() -> store.countMatching(filter, action.states(), cap));
    }

    public Optional<TaskDetail> detail(long taskId) {
        return bounded(() -> store.detail(taskId));
    }

    /** The task's log lines after the one with {@code afterId} (0: from the start), oldest first. */
    public List<TaskDetail.LogEntry> logsAfter(long taskId, long afterId) {
        return bounded(() -> store.logs(taskId, afterId));
    }

    public TaskCounts counts() {
        return bounded(store::counts);
    }

    public List<QueueStats> queues() {
        return bounded(() -> store.queues(settings::concurrency));
    }

    public List<ThroughputPoint> throughput(Duration window) {
        return bounded(() -> store.throughput(window));
    }

    private <T> T bounded(Supplier<T> query) {
        return readOnly.execute(status -> {
            store.limitStatementsTo(STATEMENT_TIMEOUT);
            return query.get();
        });
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
