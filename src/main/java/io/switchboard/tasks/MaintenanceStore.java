package io.switchboard.tasks;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.switchboard.tasks.Sql.NOW;
import static org.jooq.impl.DSL.castNull;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.concat;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.jsonbArray;
import static org.jooq.impl.DSL.jsonbObject;
import static org.jooq.impl.DSL.key;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectDistinct;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.when;
import static switchboard.jooq.Tables.TASK;
import static switchboard.jooq.Tables.TASK_CONCURRENCY;
import static switchboard.jooq.Tables.TASK_GROUP;
import static switchboard.jooq.Tables.TASK_THROUGHPUT;

/** Statements of the engine's housekeeping: promotion, rescue, pruning, and checking the slot counts. */
@Repository
class MaintenanceStore {
    private static final List<String> TERMINAL = List.of(TaskState.SUCCEEDED.dbValue(), TaskState.FAILED.dbValue(),
            TaskState.CANCELLED.dbValue());
    private final DSLContext db;

    MaintenanceStore(DSLContext db) {
        this.db = db;
    }

    /** Makes scheduled tasks whose run-at has come due; returns the queues that got work. */
    Set<String> promote(int limit) {
        return new TreeSet<>(db.update(TASK)
                .set(TASK.STATE, TaskState.QUEUED.dbValue())
                .where(TASK.ID.in(select(TASK.ID).from(TASK)
                        .where(TASK.STATE.eq(TaskState.SCHEDULED.dbValue()).and(TASK.RUN_AT.le(NOW)))
                        .orderBy(TASK.RUN_AT).limit(limit)
                        .forUpdate().skipLocked()))
                .and(TASK.STATE.eq(TaskState.SCHEDULED.dbValue()))
                .returning(TASK.QUEUE)
                .fetch(TASK.QUEUE));
    }

    /**
     * Takes back the tasks whose lease expired (their instance died or was cut off): the attempt counts, and
     * they run again unless their attempts are used up (failed) or a cancel was requested (cancelled). A task
     * finished or heartbeated in the meantime no longer matches and is left alone. Right after a database
     * outage ({@code outage}) the leases lapsed because nobody could reach the database: the attempt does not
     * count, and the task runs again.
     */
    List<Finished> rescue(boolean outage) {
        Field<String> next = outage
                ? when(TASK.CANCEL_REQUESTED, inline(TaskState.CANCELLED.dbValue()))
                .otherwise(inline(TaskState.QUEUED.dbValue()))
                : when(TASK.CANCEL_REQUESTED, inline(TaskState.CANCELLED.dbValue()))
                .when(TASK.ATTEMPT.ge(TASK.MAX_ATTEMPTS), inline(TaskState.FAILED.dbValue()))
                .otherwise(inline(TaskState.QUEUED.dbValue()));
        Field<String> error = outage
                ? concat(inline("Lease expired during attempt "), TASK.ATTEMPT.cast(String.class),
                inline(" while the database could not be reached; not counted as an attempt"))
                : concat(inline("Lease expired during attempt "), TASK.ATTEMPT.cast(String.class),
                inline(": instance "), coalesce(TASK.LOCKED_BY.cast(String.class), inline("?")),
                inline(" stopped heartbeating (it crashed, was killed or lost the database)"));
        return db.update(TASK)
                .set(TASK.STATE, next)
                .set(TASK.ATTEMPT, outage ? TASK.ATTEMPT.minus(inline(1)) : TASK.ATTEMPT)
                .set(TASK.FINISHED_AT, when(next.in(TERMINAL), NOW).otherwise(castNull(OffsetDateTime.class)))
                .set(TASK.LAST_ERROR, error)
                .set(TASK.ERRORS, Sql.concat(coalesce(TASK.ERRORS, inline(JSONB.valueOf("[]"))),
                        jsonbArray(jsonbObject(key("attempt").value(TASK.ATTEMPT), key("at").value(NOW),
                                key("instance").value(TASK.LOCKED_BY.cast(String.class)), key("error").value(error)))))
                .setNull(TASK.LOCKED_BY)
                .setNull(TASK.LEASE_TOKEN)
                .setNull(TASK.LEASE_UNTIL)
                .where(TASK.STATE.eq(TaskState.RUNNING.dbValue()).and(TASK.LEASE_UNTIL.lt(NOW)))
                .returning(TASK.ID, TASK.KIND, TASK.QUEUE, TASK.STATE, TASK.GROUP_KEY, TASK.CONCURRENCY_KEY,
                        TASK.LAST_ERROR)
                .fetch(LeaseStore::finished);
    }

    /** Deletes up to {@code limit} tasks finished before the retention; returns how many. */
    int pruneTasks(Duration retention, int limit) {
        return db.deleteFrom(TASK)
                .where(TASK.ID.in(select(TASK.ID).from(TASK)
                        .where(TASK.STATE.in(TERMINAL)).and(TASK.FINISHED_AT.lt(Sql.ago(retention)))
                        .orderBy(TASK.ID).limit(limit)))
                .execute();
    }

    int pruneStatistics(Duration retention) {
        return db.deleteFrom(TASK_THROUGHPUT).where(TASK_THROUGHPUT.MINUTE.lt(Sql.ago(retention))).execute();
    }

    int pruneGroups(Duration retention) {
        return db.deleteFrom(TASK_GROUP)
                .where(TASK_GROUP.FINISHED_AT.lt(Sql.ago(retention)))
                .and(notExists(selectOne().from(TASK).where(TASK.GROUP_KEY.eq(TASK_GROUP.GROUP_KEY))))
                .execute();
    }

    /**
     * Sets every key's running count to the tasks actually running with it, and returns the keys that were
     * wrong (which would mean a bug: each transition out of running gives its slot back in its own
     * transaction). The key rows are locked first, in key order, and counted after, so claims in flight are
     * either already visible or wait.
     */
    Map<String, Integer> reconcileSlots() {
        Set<String> keys = new TreeSet<>(db.select(TASK_CONCURRENCY.CONCURRENCY_KEY).from(TASK_CONCURRENCY)
                .where(TASK_CONCURRENCY.RUNNING.gt(0)).fetch(TASK_CONCURRENCY.CONCURRENCY_KEY));
        keys.addAll(db.selectDistinct(TASK.CONCURRENCY_KEY).from(TASK)
                .where(TASK.STATE.eq(TaskState.RUNNING.dbValue()).and(TASK.CONCURRENCY_KEY.isNotNull()))
                .fetch(TASK.CONCURRENCY_KEY));
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> recorded = new HashMap<>();
        db.select(TASK_CONCURRENCY.CONCURRENCY_KEY, TASK_CONCURRENCY.RUNNING).from(TASK_CONCURRENCY)
                .where(TASK_CONCURRENCY.CONCURRENCY_KEY.in(keys))
                .orderBy(TASK_CONCURRENCY.CONCURRENCY_KEY).forUpdate()
                .forEach(r -> recorded.put(r.value1(), r.value2()));
        Map<String, Integer> actual = new HashMap<>();
        db.select(TASK.CONCURRENCY_KEY, count()).from(TASK)
                .where(TASK.STATE.eq(TaskState.RUNNING.dbValue()).and(TASK.CONCURRENCY_KEY.in(keys)))
                .groupBy(TASK.CONCURRENCY_KEY)
                .forEach(r -> actual.put(r.value1(), r.value2()));
        Map<String, Integer> corrected = new HashMap<>();
        for (var entry : recorded.entrySet()) {
            int truth = actual.getOrDefault(entry.getKey(), 0);
            if (truth != entry.getValue()) {
                db.update(TASK_CONCURRENCY).set(TASK_CONCURRENCY.RUNNING, truth)
                        .where(TASK_CONCURRENCY.CONCURRENCY_KEY.eq(entry.getKey())).execute();
                corrected.put(entry.getKey(), entry.getValue());
            }
        }
        return corrected;
    }

    /** Queues that have live tasks, for starting their workers. */
    Set<String> queuesWithWork() {
        return new TreeSet<>(queuesWithWorkQuery().fetch(TASK.QUEUE));
    }

    /** One branch per state: each has a partial index with the queue in it. */
    ResultQuery<Record1<String>> queuesWithWorkQuery() {
        return db.selectDistinct(TASK.QUEUE).from(TASK).where(TASK.STATE.eq(TaskState.QUEUED.dbValue()))
                .union(selectDistinct(TASK.QUEUE).from(TASK).where(TASK.STATE.eq(TaskState.SCHEDULED.dbValue())));
    }

    List<QueueDepth> depths() {
        return TaskReadStore.liveCountsQuery(db)
                .fetch(r -> new QueueDepth(r.value1(), TaskState.fromDb(r.value2()), r.value3()));
    }
}
