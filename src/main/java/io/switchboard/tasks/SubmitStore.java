package io.switchboard.tasks;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertReturningStep;
import org.springframework.stereotype.Repository;
import switchboard.jooq.tables.records.TaskRecord;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.switchboard.tasks.Sql.NOW;
import static io.switchboard.tasks.Sql.column;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.when;
import static switchboard.jooq.Tables.TASK;
import static switchboard.jooq.Tables.TASK_CONCURRENCY;
import static switchboard.jooq.Tables.TASK_GROUP;

/** Stores new tasks: a whole batch in one INSERT over parallel arrays, whatever its size. */
@Repository
class SubmitStore {
    private final DSLContext db;

    SubmitStore(DSLContext db) {
        this.db = db;
    }

    /** A request with its payload already written as JSON. */
    record NewTask(TaskRequest<?> request, String payloadJson) {
    }

    record Stored(List<Submitted> submitted, Set<String> dueQueues) {
    }

    /**
     * Inserts the tasks (the caller's transaction); a task whose unique key is already held by a live task is
     * not inserted and the live one is returned instead. Results are in request order.
     */
    Stored insert(List<NewTask> tasks) {
        return insert(tasks, false);
    }

    /**
     * As {@link #insert(List)}; with {@code newKeys}, the unique keys are known to be held by no task (the caller made
     * them from rows its own transaction inserted), so the insert skips the per-row check for a live holder (ON
     * CONFLICT's speculative insertion: two more index probes, a lock and a second WAL record per row): a key held
     * after all fails the statement, and with it the caller's transaction, with a unique violation.
     */
    Stored insert(List<NewTask> tasks, boolean newKeys) {
        upsertConcurrencyKeys(tasks);
        Stored stored = insertTasks(tasks, newKeys);
        // last: every wait above for another transaction's task row is over before the group rows are locked
        lockAndReopenGroups(tasks);
        return stored;
    }

    private Stored insertTasks(List<NewTask> tasks, boolean newKeys) {
        Sql.Rows in = Sql.rows("i", column(TASK.KIND, tasks, t -> t.request().kind().name(), String[]::new),
                column(TASK.QUEUE, tasks, t -> t.request().queue(), String[]::new),
                column(TASK.PRIORITY, tasks, t -> t.request().priority(), Integer[]::new),
                column(TASK.RUN_AT, tasks, t -> t.request().runAt() == null ? null
                        : t.request().runAt().atOffset(ZoneOffset.UTC), OffsetDateTime[]::new),
                column(TASK.PAYLOAD, tasks, NewTask::payloadJson, String[]::new),
                column(TASK.MAX_ATTEMPTS, tasks, t -> t.request().maxAttempts(), Integer[]::new),
                column(TASK.CONCURRENCY_KEY, tasks, t -> t.request().concurrencyKey(), String[]::new),
                column(TASK.CONCURRENCY_LIMIT, tasks, t -> t.request().concurrencyKey() == null ? null
                        : t.request().concurrencyLimit(), Integer[]::new),
                column(TASK.UNIQUE_KEY, tasks, t -> t.request().uniqueKey(), String[]::new),
                column(TASK.GROUP_KEY, tasks, t -> t.request().group(), String[]::new));
        Field<OffsetDateTime> runAt = coalesce(in.field(TASK.RUN_AT.getName(), OffsetDateTime.class), NOW);
        var insert = db.insertInto(TASK, TASK.KIND, TASK.QUEUE, TASK.STATE, TASK.PRIORITY, TASK.RUN_AT, TASK.PAYLOAD,
                        TASK.MAX_ATTEMPTS, TASK.CONCURRENCY_KEY, TASK.CONCURRENCY_LIMIT, TASK.UNIQUE_KEY, TASK.GROUP_KEY)
                .select(select(in.field(TASK.KIND.getName(), String.class), in.field(TASK.QUEUE.getName(), String.class),
                        when(runAt.le(NOW), inline(TaskState.QUEUED.dbValue()))
                                .otherwise(inline(TaskState.SCHEDULED.dbValue())),
                        in.field(TASK.PRIORITY.getName(), Integer.class).cast(TASK.PRIORITY.getDataType()),
                        runAt,
                        in.field(TASK.PAYLOAD.getName(), String.class).cast(TASK.PAYLOAD.getDataType()),
                        in.field(TASK.MAX_ATTEMPTS.getName(), Integer.class),
                        in.field(TASK.CONCURRENCY_KEY.getName(), String.class),
                        in.field(TASK.CONCURRENCY_LIMIT.getName(), Integer.class),
                        in.field(TASK.UNIQUE_KEY.getName(), String.class),
                        in.field(TASK.GROUP_KEY.getName(), String.class))
                        .from(in.table()).orderBy(in.ordinal()));
        InsertReturningStep<TaskRecord> checked = newKeys ? insert : insert.onConflictDoNothing();
        var inserted = checked
                .returning(TASK.ID, TASK.UNIQUE_KEY, TASK.STATE, TASK.QUEUE)
                .fetch()
                .sortAsc(TASK.ID);
        // ids are assigned in insertion (request) order, so the rows without a unique key line up with the
        // requests without one; the others are matched by their key
        Map<String, Long> byUniqueKey = new HashMap<>();
        List<Long> plain = new ArrayList<>();
        Set<String> dueQueues = new TreeSet<>();
        for (var row : inserted) {
            if (row.get(TASK.UNIQUE_KEY) == null) {
                plain.add(row.get(TASK.ID));
            } else {
                byUniqueKey.put(row.get(TASK.UNIQUE_KEY), row.get(TASK.ID));
            }
            if (TaskState.QUEUED.dbValue().equals(row.get(TASK.STATE))) {
                dueQueues.add(row.get(TASK.QUEUE));
            }
        }
        List<Submitted> result = new ArrayList<>(tasks.size());
        int next = 0;
        Map<String, Long> claimedKeys = new HashMap<>();
        for (NewTask task : tasks) {
            String uniqueKey = task.request().uniqueKey();
            if (uniqueKey == null) {
                result.add(new Submitted(plain.get(next++), true));
            } else if (byUniqueKey.containsKey(uniqueKey) && claimedKeys.putIfAbsent(uniqueKey, 0L) == null) {
                result.add(new Submitted(byUniqueKey.get(uniqueKey), true));
            } else if (task.request().rerunIfRunning()) {
                Optional<Long> live = liveRerunIfRunning(uniqueKey);
                if (live.isPresent()) {
                    result.add(new Submitted(live.get(), false));
                    dueQueues.add(task.request().queue()); // a claim that skipped it while locked tries again
                } else { // the live task finished between the insert and now: the request is stored after all
                    Stored again = insertTasks(List.of(task), false);
                    result.add(again.submitted().getFirst());
                    dueQueues.addAll(again.dueQueues());
                }
            } else {
                result.add(new Submitted(liveWithUniqueKey(uniqueKey), false));
            }
        }
        return new Stored(result, dueQueues);
    }

    /**
     * The live task holding the key, asked to run once more when it is running; empty when it finished meanwhile
     * (the update waits for a completion being written now). A waiting one is not asked, but it is locked like
     * the running one: no claim can take it before the caller's transaction commits, so its run reads what the
     * caller changed.
     */
    private Optional<Long> liveRerunIfRunning(String uniqueKey) {
        return db.update(TASK)
                .set(TASK.RERUN_REQUESTED, field(TASK.RERUN_REQUESTED.isTrue()
                        .or(TASK.STATE.eq(TaskState.RUNNING.dbValue()))))
                .where(TASK.UNIQUE_KEY.eq(uniqueKey).and(TASK.STATE.in(TaskState.SCHEDULED.dbValue(),
                        TaskState.QUEUED.dbValue(), TaskState.RUNNING.dbValue())))
                .returning(TASK.ID)
                .fetchOptional(TASK.ID);
    }

    private long liveWithUniqueKey(String uniqueKey) {
        return db.select(TASK.ID).from(TASK)
                .where(TASK.UNIQUE_KEY.eq(uniqueKey)
                        .and(TASK.STATE.in(TaskState.SCHEDULED.dbValue(), TaskState.QUEUED.dbValue(),
                                TaskState.RUNNING.dbValue())))
                .fetchOptional(TASK.ID)
                .orElseThrow(() -> new IllegalStateException("the task holding unique key " + uniqueKey
                        + " finished while this submit ran; submit again"));
    }

    /**
     * Makes the keys' rows exist with the given limits. A key whose limit is unchanged is not locked: the completer
     * locks a key's row after finishing its task, so a submit that held the row (an upsert locks the row it
     * conflicts with even when it changes nothing) while inserting a unique key that a finishing task still held
     * waited for the completer while the completer waited for it (deadlocks seen under the burst benchmark).
     */
    private void upsertConcurrencyKeys(List<NewTask> tasks) {
        Map<String, Integer> limits = new TreeMap<>();
        for (NewTask task : tasks) {
            if (task.request().concurrencyKey() != null) {
                limits.put(task.request().concurrencyKey(), task.request().concurrencyLimit());
            }
        }
        if (limits.isEmpty()) {
            return;
        }
        Sql.Rows in = Sql.rows("k", column(TASK_CONCURRENCY.CONCURRENCY_KEY, limits.keySet().toArray(String[]::new)),
                column(TASK_CONCURRENCY.MAX_RUNNING, limits.values().toArray(Integer[]::new)));
        db.insertInto(TASK_CONCURRENCY, TASK_CONCURRENCY.CONCURRENCY_KEY, TASK_CONCURRENCY.MAX_RUNNING)
                .select(select(in.field(TASK_CONCURRENCY.CONCURRENCY_KEY.getName(), String.class),
                        in.field(TASK_CONCURRENCY.MAX_RUNNING.getName(), Integer.class)).from(in.table()).orderBy(in.ordinal()))
                .onConflictDoNothing()
                .execute();
        db.update(TASK_CONCURRENCY)
                .set(TASK_CONCURRENCY.MAX_RUNNING, in.field(TASK_CONCURRENCY.MAX_RUNNING.getName(), Integer.class))
                .from(in.table())
                .where(TASK_CONCURRENCY.CONCURRENCY_KEY.eq(in.field(TASK_CONCURRENCY.CONCURRENCY_KEY.getName(),
                        String.class)))
                .and(TASK_CONCURRENCY.MAX_RUNNING.ne(in.field(TASK_CONCURRENCY.MAX_RUNNING.getName(), Integer.class)))
                .execute();
    }

    /**
     * Makes the groups' rows exist, locks them until the caller commits and marks finished ones live again. The
     * lock is what keeps the completer from finishing a group while tasks are being added to it: its check for live
     * tasks waits for this transaction and then sees them (without it, a group whose last task finished while a
     * campaign's paused posts were resumed was marked finished with the new tasks live, and no "finished" came when
     * they ended). It comes after the tasks are inserted, never before: the completer locks a group's row after
     * finishing a task whose unique key an insert may be waiting for, so a submit that held the group's row while
     * it waited for that task deadlocked with the completer (seen in PublishingTest on CI: a campaign's paused posts
     * resumed while its hold task finished).
     */
    private void lockAndReopenGroups(List<NewTask> tasks) {
        String[] groups = tasks.stream().map(t -> t.request().group()).filter(Objects::nonNull)
                .distinct().sorted().toArray(String[]::new);
        if (groups.length == 0) {
            return;
        }
        Sql.Rows in = Sql.rows("g", column(TASK_GROUP.GROUP_KEY, groups));
        db.insertInto(TASK_GROUP, TASK_GROUP.GROUP_KEY)
                .select(select(in.field(TASK_GROUP.GROUP_KEY.getName(), String.class)).from(in.table()).orderBy(in.ordinal()))
                .onConflictDoNothing()
                .execute();
        // in key order, so two submits to the same groups never wait for each other crosswise
        db.select(TASK_GROUP.GROUP_KEY).from(TASK_GROUP).where(TASK_GROUP.GROUP_KEY.in(groups))
                .orderBy(TASK_GROUP.GROUP_KEY).forNoKeyUpdate().fetch();
        db.update(TASK_GROUP).setNull(TASK_GROUP.FINISHED_AT)
                .where(TASK_GROUP.GROUP_KEY.in(groups)).and(TASK_GROUP.FINISHED_AT.isNotNull())
                .execute();
    }
}
