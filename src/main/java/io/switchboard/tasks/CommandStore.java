package io.switchboard.tasks;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.switchboard.tasks.Sql.NOW;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static switchboard.jooq.Tables.TASK;
import static switchboard.jooq.Tables.TASK_GROUP;
import static switchboard.jooq.Tables.TASK_QUEUE;

/** Operators' commands on tasks, queues and groups. */
@Repository
class CommandStore {
    private static final List<String> WAITING = List.of(TaskState.SCHEDULED.dbValue(), TaskState.QUEUED.dbValue());
    private static final List<String> RETRYABLE = List.of(TaskState.FAILED.dbValue(), TaskState.CANCELLED.dbValue());
    private final DSLContext db;

    CommandStore(DSLContext db) {
        this.db = db;
    }

    /** Cancels the waiting tasks among those matching at once; returns them as they now stand. */
    List<Finished> cancelWaiting(Condition which) {
        return db.update(TASK)
                .set(TASK.STATE, TaskState.CANCELLED.dbValue())
                .set(TASK.FINISHED_AT, NOW)
                .where(which.and(TASK.STATE.in(WAITING)))
                .returning(TASK.ID, TASK.KIND, TASK.QUEUE, TASK.STATE, TASK.GROUP_KEY, TASK.CONCURRENCY_KEY,
                        TASK.LAST_ERROR)
                .fetch(LeaseStore::finished);
    }

    /**
     * Moves the waiting (scheduled or queued) task with this unique key to run at {@code at}; false when none waits
     * (it runs, or finished). The row lock this takes keeps a claim on any instance from taking the task until the
     * caller's transaction ends; a claim that took it first left it running, and nothing moves.
     */
    boolean reschedule(String uniqueKey, java.time.OffsetDateTime at) {
        return db.update(TASK).set(TASK.RUN_AT, at).set(TASK.STATE, TaskState.SCHEDULED.dbValue())
                .where(TASK.UNIQUE_KEY.eq(uniqueKey).and(TASK.STATE.in(WAITING))).execute() == 1;
    }

    /** Asks the running tasks among those matching to stop; returns how many were asked. */
    int requestCancel(Condition which) {
        return db.update(TASK)
                .set(TASK.CANCEL_REQUESTED, true)
                .where(which.and(TASK.STATE.eq(TaskState.RUNNING.dbValue())).and(TASK.CANCEL_REQUESTED.isFalse()))
                .execute();
    }

    /**
     * Queues failed and cancelled tasks among those matching again, each with at least one more attempt;
     * returns the queues that got work and the groups touched.
     */
    Retried retry(Condition which) {
        var rows = db.update(TASK)
                .set(TASK.STATE, TaskState.QUEUED.dbValue())
                .set(TASK.RUN_AT, NOW)
                .setNull(TASK.FINISHED_AT)
                .set(TASK.CANCEL_REQUESTED, false)
                .set(TASK.MAX_ATTEMPTS, greatest(TASK.MAX_ATTEMPTS, TASK.ATTEMPT.plus(inline(1))))
                .where(which.and(TASK.STATE.in(RETRYABLE)))
                .returning(TASK.QUEUE, TASK.GROUP_KEY)
                .fetch();
        Set<String> queues = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        rows.forEach(r -> {
            queues.add(r.get(TASK.QUEUE));
            if (r.get(TASK.GROUP_KEY) != null) {
                groups.add(r.get(TASK.GROUP_KEY));
            }
        });
        if (!groups.isEmpty()) {
            db.update(TASK_GROUP).setNull(TASK_GROUP.FINISHED_AT).where(TASK_GROUP.GROUP_KEY.in(groups)).execute();
        }
        return new Retried(rows.size(), queues);
    }

    record Retried(int count, Set<String> queues) {
    }

    /** Pauses or resumes the queue; returns whether it was paused before. */
    boolean pauseQueue(String queue, boolean paused, String actor) {
        boolean was = db.select(TASK_QUEUE.PAUSED).from(TASK_QUEUE).where(TASK_QUEUE.NAME.eq(queue)).forUpdate()
                .fetchOptional(TASK_QUEUE.PAUSED).orElse(false);
        db.insertInto(TASK_QUEUE)
                .set(TASK_QUEUE.NAME, queue)
                .set(TASK_QUEUE.PAUSED, paused)
                .set(TASK_QUEUE.PAUSED_AT, paused ? NOW : null)
                .set(TASK_QUEUE.PAUSED_BY, paused ? actor : null)
                .onConflict(TASK_QUEUE.NAME).doUpdate()
                .set(TASK_QUEUE.PAUSED, paused)
                .set(TASK_QUEUE.PAUSED_AT, paused ? NOW : null)
                .set(TASK_QUEUE.PAUSED_BY, paused ? actor : null)
                .execute();
        return was;
    }

    void pauseGroup(String group, boolean paused) {
        db.insertInto(TASK_GROUP)
                .set(TASK_GROUP.GROUP_KEY, group)
                .set(TASK_GROUP.PAUSED, paused)
                .onConflict(TASK_GROUP.GROUP_KEY).doUpdate()
                .set(TASK_GROUP.PAUSED, paused)
                .execute();
    }

    Set<String> queuesWithDueTasks(@Nullable String group) {
        return new TreeSet<>(db.selectDistinct(TASK.QUEUE).from(TASK)
                .where(TASK.STATE.eq(TaskState.QUEUED.dbValue()))
                .and(group == null ? noCondition() : TASK.GROUP_KEY.eq(group))
                .fetch(TASK.QUEUE));
    }
}
