package io.switchboard.tasks;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.switchboard.tasks.Sql.NOW;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;
import static switchboard.jooq.Tables.TASK;
import static switchboard.jooq.Tables.TASK_GROUP;

/** Groups of tasks: whether they are paused, and when they finished. */
@Repository
class GroupStore {
    static final List<String> LIVE = List.of(TaskState.SCHEDULED.dbValue(), TaskState.QUEUED.dbValue(),
            TaskState.RUNNING.dbValue());
    private final DSLContext db;

    GroupStore(DSLContext db) {
        this.db = db;
    }

    /**
     * Marks finished the groups among these that have no live task left, and returns them with their final
     * counts. Runs in the transaction that ended the group's tasks, after their state changed: the group rows
     * are locked first (in key order), so when several instances end a group's last tasks at the same moment
     * the later one waits for the earlier to commit and then sees every task ended, and each group finishes
     * exactly once.
     */
    List<GroupFinished> finishIfDone(Collection<String> groups) {
        if (groups.isEmpty()) {
            return List.of();
        }
        db.select(TASK_GROUP.GROUP_KEY).from(TASK_GROUP).where(TASK_GROUP.GROUP_KEY.in(groups))
                .orderBy(TASK_GROUP.GROUP_KEY).forUpdate().fetch();
        List<String> finished = db.update(TASK_GROUP)
                .set(TASK_GROUP.FINISHED_AT, NOW)
                .where(TASK_GROUP.GROUP_KEY.in(groups).and(TASK_GROUP.FINISHED_AT.isNull()))
                .and(notExists(selectOne().from(TASK)
                        .where(TASK.GROUP_KEY.eq(TASK_GROUP.GROUP_KEY).and(TASK.STATE.in(LIVE)))))
                .returning(TASK_GROUP.GROUP_KEY)
                .fetch(TASK_GROUP.GROUP_KEY);
        List<GroupFinished> events = new ArrayList<>();
        for (String group : finished) {
            events.add(new GroupFinished(group, counts(group)));
        }
        return events;
    }

    Map<TaskState, Long> counts(String group) {
        Map<TaskState, Long> counts = new EnumMap<>(TaskState.class);
        db.select(TASK.STATE, count()).from(TASK).where(TASK.GROUP_KEY.eq(group)).groupBy(TASK.STATE)
                .forEach(r -> counts.put(TaskState.fromDb(r.value1()), r.value2().longValue()));
        return counts;
    }
}
