package io.switchboard.tasks;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.springframework.stereotype.Repository;
import switchboard.jooq.tables.Task;
import switchboard.jooq.tables.TaskConcurrency;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static io.switchboard.tasks.Sql.NOW;
import static io.switchboard.tasks.Sql.column;
import static org.jooq.impl.DSL.castNull;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.jsonbArray;
import static org.jooq.impl.DSL.jsonbObject;
import static org.jooq.impl.DSL.key;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.param;
import static org.jooq.impl.DSL.partitionBy;
import static org.jooq.impl.DSL.rowNumber;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.update;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;
import static switchboard.jooq.Tables.TASK;
import static switchboard.jooq.Tables.TASK_CONCURRENCY;
import static switchboard.jooq.Tables.TASK_GROUP;
import static switchboard.jooq.Tables.TASK_LOG;
import static switchboard.jooq.Tables.TASK_QUEUE;

/**
 * The statements that run under leases: claiming, recording outcomes, heartbeats, log lines. Every write
 * about a claimed task is conditional on its lease token, so a run that lost its lease changes nothing.
 */
@Repository
class LeaseStore {
    private static final String RUNNING = TaskState.RUNNING.dbValue();
    private static final Set<String> TERMINAL = Set.of(TaskState.SUCCEEDED.dbValue(), TaskState.FAILED.dbValue(),
            TaskState.CANCELLED.dbValue());
    private static final Field<Long> WAITED = Sql.millisBetween(NOW, TASK.RUN_AT).as("waited");
    private static final Field<?>[] CLAIMED = {TASK.ID, TASK.KIND, TASK.QUEUE, TASK.PAYLOAD, TASK.ATTEMPT,
            TASK.MAX_ATTEMPTS, TASK.LEASE_TOKEN, TASK.GROUP_KEY, WAITED};
    private static final Field<?>[] FINISHED = {TASK.ID, TASK.KIND, TASK.QUEUE, TASK.STATE, TASK.GROUP_KEY,
            TASK.CONCURRENCY_KEY, TASK.LAST_ERROR};
    private final DSLContext db;
    private final Map<ClaimShape, ReusedStatement> claims = new ConcurrentHashMap<>();
    private volatile ReusedStatement finishStatement;

    LeaseStore(DSLContext db) {
        this.db = db;
    }

    /**
     * Claims up to {@code limit} due tasks of a queue in one statement: the candidates are locked with
     * {@code SKIP LOCKED} (other instances take others), tasks whose concurrency key has no free slot are
     * skipped, and the slots granted are counted under the key's row lock, so at most the key's limit run
     * at once across all instances.
     */
    List<ClaimedTask> claim(String queue, int limit, UUID instance, Duration lease) {
        ReusedStatement statement = claims.computeIfAbsent(new ClaimShape(queue, lease), shape -> ReusedStatement.of(db,
                claimStatement(param("queue", queue), param("limit", limit), param("instance", instance), lease),
                CLAIMED));
        return statement.fetch(db, Map.of("queue", queue, "limit", limit, "instance", instance))
                .map(r -> new ClaimedTask(r.get(TASK.ID), r.get(TASK.KIND), r.get(TASK.QUEUE),
                        r.get(TASK.PAYLOAD).data(), r.get(TASK.ATTEMPT), r.get(TASK.MAX_ATTEMPTS),
                        r.get(TASK.LEASE_TOKEN), r.get(TASK.GROUP_KEY), Math.max(0, r.get(WAITED))))
                .stream().sorted(Comparator.comparingLong(ClaimedTask::id)).toList();
    }

    /** What a claim statement's text depends on besides its bind values. */
    private record ClaimShape(String queue, Duration lease) {
    }

    ResultQuery<?> claimStatement(Param<String> queue, Param<Integer> limit, Param<UUID> instance, Duration lease) {
        Task t = TASK.as("t");
        TaskConcurrency k = TASK_CONCURRENCY.as("k");
        var candidates = name("candidates").asMaterialized(
                select(t.ID, t.CONCURRENCY_KEY, t.PRIORITY, t.RUN_AT).from(t)
                        .where(t.STATE.eq(TaskState.QUEUED.dbValue()).and(t.QUEUE.eq(queue)))
                        .and(notExists(selectOne().from(TASK_QUEUE)
                                .where(TASK_QUEUE.NAME.eq(queue).and(TASK_QUEUE.PAUSED))))
                        .and(t.GROUP_KEY.isNull().or(notExists(selectOne().from(TASK_GROUP)
                                .where(TASK_GROUP.GROUP_KEY.eq(t.GROUP_KEY).and(TASK_GROUP.PAUSED)))))
                        .and(t.CONCURRENCY_KEY.isNull().or(exists(selectOne().from(k)
                                .where(k.CONCURRENCY_KEY.eq(t.CONCURRENCY_KEY).and(k.RUNNING.lt(k.MAX_RUNNING))))))
                        .orderBy(t.PRIORITY.desc(), t.RUN_AT, t.ID)
                        .limit(limit)
                        .forUpdate().of(t).skipLocked());
        Field<Long> id = candidates.field(t.ID);
        Field<String> key = candidates.field(t.CONCURRENCY_KEY);
        Field<Integer> rank = rowNumber().over(partitionBy(key)
                .orderBy(candidates.field(t.PRIORITY).desc(), candidates.field(t.RUN_AT), id)).as("rank");
        var ranked = name("ranked").as(select(id, key, rank).from(candidates));

        Field<Integer> free = k.MAX_RUNNING.minus(k.RUNNING).as("free");
        var slots = name("slots").asMaterialized(select(k.CONCURRENCY_KEY, free).from(k)
                .where(k.CONCURRENCY_KEY.in(select(key).from(candidates).where(key.isNotNull())))
                .forUpdate().skipLocked());

        Field<String> rankedKey = ranked.field(key);
        var granted = name("granted").asMaterialized(select(ranked.field(id), rankedKey).from(ranked)
                .leftJoin(slots).on(slots.field(k.CONCURRENCY_KEY).eq(rankedKey))
                .where(rankedKey.isNull().or(ranked.field(rank).le(slots.field(free)))));
        Field<Long> grantedId = granted.field(id);
        Field<String> grantedKey = granted.field(key);

        Table<?> perKey = select(grantedKey, count().as("n")).from(granted).where(grantedKey.isNotNull())
                .groupBy(grantedKey).asTable("per_key");
        var counted = name("counted").as(update(TASK_CONCURRENCY)
                .set(TASK_CONCURRENCY.RUNNING, TASK_CONCURRENCY.RUNNING.plus(perKey.field("n", Integer.class)))
                .from(perKey)
                .where(TASK_CONCURRENCY.CONCURRENCY_KEY.eq(perKey.field(grantedKey)))
                .returning(TASK_CONCURRENCY.CONCURRENCY_KEY));

        return db.with(candidates, ranked, slots, granted, counted)
                .update(TASK)
                .set(TASK.STATE, RUNNING)
                .set(TASK.ATTEMPT, TASK.ATTEMPT.plus(1))
                .set(TASK.LOCKED_BY, instance)
                .set(TASK.LEASE_TOKEN, field("gen_random_uuid()", UUID.class))
                .set(TASK.LEASE_UNTIL, Sql.fromNow(lease))
                .set(TASK.STARTED_AT, NOW)
                .setNull(TASK.PROGRESS_DONE)
                .setNull(TASK.PROGRESS_TOTAL)
                .from(granted)
                .where(TASK.ID.eq(grantedId))
                .returningResult(CLAIMED);
    }

    /**
     * Records outcomes, each only if its lease token still holds and the task is still running; returns the
     * ones recorded. A task whose cancel was requested ends cancelled instead of running again.
     */
    List<Finished> finish(List<Finish> batch, UUID instance) {
        ReusedStatement statement = finishStatement;
        if (statement == null) {
            statement = ReusedStatement.of(db, finishStatement(List.of(), param("instance", instance.toString())),
                    FINISHED);
            finishStatement = statement;
        }
        Map<String, Object> values = Sql.binds("i", finishColumns(batch));
        values.put("instance", instance.toString());
        return statement.fetch(db, values).map(LeaseStore::finished);
    }

    private static Sql.Column<?>[] finishColumns(List<Finish> batch) {
        return new Sql.Column<?>[]{column(TASK.ID, batch, Finish::id, Long[]::new),
                column(TASK.LEASE_TOKEN, batch, Finish::leaseToken, UUID[]::new),
                column(TASK.STATE, batch, f -> f.state().dbValue(), String[]::new),
                column("delay_ms", batch, Finish::delayMillis, Long[]::new),
                column("attempt_delta", batch, Finish::attemptDelta, Integer[]::new),
                column("error", batch, Finish::error, String[]::new),
                column(TASK.PROGRESS_DONE, batch, Finish::progressDone, Long[]::new),
                column(TASK.PROGRESS_TOTAL, batch, Finish::progressTotal, Long[]::new),
                column(TASK.COUNTERS, batch, Finish::countersJson, String[]::new)};
    }

    private ResultQuery<?> finishStatement(List<Finish> batch, Param<String> instance) {
        Sql.Rows in = Sql.rows("i", finishColumns(batch));
        Field<String> requested = in.field(TASK.STATE.getName(), String.class);
        Field<String> error = in.field("error", String.class);
        // a run that ended (succeeded, or failed for good) while a submit asked for it again runs once more, as
        // though submitted fresh: queued now, its attempts counted from none
        Condition rerun = TASK.RERUN_REQUESTED.isTrue().and(TASK.CANCEL_REQUESTED.isFalse())
                .and(requested.in(TaskState.SUCCEEDED.dbValue(), TaskState.FAILED.dbValue()));
        Field<String> state = when(TASK.CANCEL_REQUESTED.isTrue().and(requested.in(TaskState.SCHEDULED.dbValue(),
                TaskState.QUEUED.dbValue())), inline(TaskState.CANCELLED.dbValue()))
                .when(rerun, inline(TaskState.QUEUED.dbValue()))
                .otherwise(requested);
        return db.update(TASK)
                .set(TASK.STATE, state)
                .set(TASK.FINISHED_AT, when(state.in(TERMINAL), NOW).otherwise(castNull(OffsetDateTime.class)))
                .set(TASK.RUN_AT, when(rerun, NOW).when(requested.eq(TaskState.SCHEDULED.dbValue()),
                        Sql.fromNowMillis(in.field("delay_ms", Long.class))).otherwise(TASK.RUN_AT))
                .set(TASK.ATTEMPT, when(rerun, inline(0))
                        .otherwise(TASK.ATTEMPT.plus(in.field("attempt_delta", Integer.class))))
                .set(TASK.RERUN_REQUESTED, false)
                .setNull(TASK.LOCKED_BY)
                .setNull(TASK.LEASE_TOKEN)
                .setNull(TASK.LEASE_UNTIL)
                .set(TASK.LAST_ERROR, coalesce(error, TASK.LAST_ERROR))
                .set(TASK.ERRORS, when(error.isNotNull(), Sql.concat(coalesce(TASK.ERRORS, inline(JSONB.valueOf("[]"))),
                        jsonbArray(jsonbObject(key("attempt").value(TASK.ATTEMPT), key("at").value(NOW),
                                key("instance").value(instance), key("error").value(error)))))
                        .otherwise(TASK.ERRORS))
                .set(progress(in))
                .from(in.table())
                .where(underLease(in))
                .returningResult(FINISHED);
    }

    /** The rows' task is still running under the row's lease token. */
    private static Condition underLease(Sql.Rows in) {
        return TASK.ID.eq(in.field(TASK.ID)).and(TASK.LEASE_TOKEN.eq(in.field(TASK.LEASE_TOKEN)))
                .and(TASK.STATE.eq(RUNNING));
    }

    /** Progress and counters from the rows where they are given, kept where not. */
    private static Map<Field<?>, Field<?>> progress(Sql.Rows in) {
        return Map.of(TASK.PROGRESS_DONE, coalesce(in.field(TASK.PROGRESS_DONE), TASK.PROGRESS_DONE),
                TASK.PROGRESS_TOTAL, coalesce(in.field(TASK.PROGRESS_TOTAL), TASK.PROGRESS_TOTAL),
                TASK.COUNTERS, coalesce(in.field(TASK.COUNTERS.getName(), String.class).cast(TASK.COUNTERS.getDataType()),
                        TASK.COUNTERS));
    }

    static Finished finished(Record r) {
        return new Finished(r.get(TASK.ID), r.get(TASK.KIND), r.get(TASK.QUEUE), TaskState.fromDb(r.get(TASK.STATE)),
                r.get(TASK.GROUP_KEY), r.get(TASK.CONCURRENCY_KEY), r.get(TASK.LAST_ERROR));
    }

    /**
     * Gives back the concurrency slots of tasks that stopped running, in the same transaction that changed
     * their state. Key rows are locked in key order first, so two instances never deadlock on them.
     */
    void releaseSlots(List<Finished> stopped) {
        Map<String, Integer> perKey = new TreeMap<>();
        for (Finished f : stopped) {
            if (f.concurrencyKey() != null) {
                perKey.merge(f.concurrencyKey(), 1, Integer::sum);
            }
        }
        if (perKey.isEmpty()) {
            return;
        }
        String[] keys = perKey.keySet().toArray(String[]::new);
        Integer[] counts = perKey.values().toArray(Integer[]::new);
        db.select(TASK_CONCURRENCY.CONCURRENCY_KEY).from(TASK_CONCURRENCY)
                .where(TASK_CONCURRENCY.CONCURRENCY_KEY.in(keys))
                .orderBy(TASK_CONCURRENCY.CONCURRENCY_KEY).forUpdate().fetch();
        Sql.Rows released = Sql.rows("released", column(TASK_CONCURRENCY.CONCURRENCY_KEY, keys), column("n", counts));
        db.update(TASK_CONCURRENCY)
                .set(TASK_CONCURRENCY.RUNNING, greatest(TASK_CONCURRENCY.RUNNING.minus(released.field("n", Integer.class)),
                        inline(0)))
                .from(released.table())
                .where(TASK_CONCURRENCY.CONCURRENCY_KEY.eq(released.field(TASK_CONCURRENCY.CONCURRENCY_KEY.getName(),
                        String.class)))
                .execute();
    }

    /**
     * Extends the leases of runs still in progress and stores their progress and counters; returns, for each
     * task whose lease still holds, whether a cancel was requested. A task missing from the answer lost its
     * lease.
     */
    Map<Long, Boolean> heartbeat(List<Execution.Beat> beats, Duration lease) {
        Sql.Rows in = Sql.rows("i", column(TASK.ID, beats, Execution.Beat::id, Long[]::new),
                column(TASK.LEASE_TOKEN, beats, Execution.Beat::leaseToken, UUID[]::new),
                column(TASK.PROGRESS_DONE, beats, Execution.Beat::progressDone, Long[]::new),
                column(TASK.PROGRESS_TOTAL, beats, Execution.Beat::progressTotal, Long[]::new),
                column(TASK.COUNTERS, beats, Execution.Beat::countersJson, String[]::new));
        Map<Long, Boolean> held = new HashMap<>();
        db.update(TASK)
                .set(TASK.LEASE_UNTIL, Sql.fromNow(lease))
                .set(progress(in))
                .from(in.table())
                .where(underLease(in))
                .returning(TASK.ID, TASK.CANCEL_REQUESTED)
                .forEach(r -> held.put(r.get(TASK.ID), r.get(TASK.CANCEL_REQUESTED)));
        return held;
    }

    /** Stores log lines of runs whose lease still holds, in the order they were written. */
    void appendLogs(List<LogLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        Sql.Rows in = Sql.rows("i", column(TASK_LOG.TASK_ID, lines, LogLine::taskId, Long[]::new),
                column(TASK.LEASE_TOKEN, lines, LogLine::leaseToken, UUID[]::new),
                column(TASK_LOG.ATTEMPT, lines, LogLine::attempt, Integer[]::new),
                column(TASK_LOG.AT, lines, l -> l.at().atOffset(ZoneOffset.UTC), OffsetDateTime[]::new),
                column(TASK_LOG.LEVEL, lines, l -> l.level().name(), String[]::new),
                column(TASK_LOG.MESSAGE, lines, LogLine::message, String[]::new));
        Field<Long> taskId = in.field(TASK_LOG.TASK_ID.getName(), Long.class);
        db.insertInto(TASK_LOG, TASK_LOG.TASK_ID, TASK_LOG.ATTEMPT, TASK_LOG.AT, TASK_LOG.LEVEL, TASK_LOG.MESSAGE)
                .select(select(taskId, in.field(TASK_LOG.ATTEMPT.getName(), Integer.class),
                        in.field(TASK_LOG.AT.getName(), OffsetDateTime.class),
                        in.field(TASK_LOG.LEVEL.getName(), String.class),
                        in.field(TASK_LOG.MESSAGE.getName(), String.class))
                        .from(in.table()).join(TASK).on(TASK.ID.eq(taskId)
                                .and(TASK.LEASE_TOKEN.eq(in.field(TASK.LEASE_TOKEN.getName(), UUID.class)))
                                .and(TASK.STATE.eq(RUNNING)))
                        .orderBy(in.ordinal()))
                .execute();
    }

    /**
     * The queues to wake after these tasks stopped running: those they went back to, and those where a task
     * may have waited for the concurrency slot one of them just gave back.
     */
    static Set<String> queuesToWake(List<Finished> stopped) {
        return stopped.stream().filter(f -> f.state() == TaskState.QUEUED || f.concurrencyKey() != null)
                .map(Finished::queue).collect(Collectors.toSet());
    }
}
