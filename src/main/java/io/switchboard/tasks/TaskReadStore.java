package io.switchboard.tasks;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static switchboard.jooq.Tables.TASK;
import static switchboard.jooq.Tables.TASK_LOG;

/** Reads tasks for pages and tests. */
@Repository
class TaskReadStore {
    private final DSLContext db;
    private final JsonMapper json;

    TaskReadStore(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Optional<TaskDetail> detail(long id) {
        return db.selectFrom(TASK).where(TASK.ID.eq(id)).fetchOptional().map(r -> new TaskDetail(view(r),
                r.getPayload().data(), counters(r.getCounters()), failures(r.getErrors()), logs(id)));
    }

    static TaskView view(Record r) {
        return new TaskView(r.get(TASK.ID), r.get(TASK.KIND), r.get(TASK.QUEUE), TaskState.fromDb(r.get(TASK.STATE)),
                r.get(TASK.PRIORITY), r.get(TASK.ATTEMPT), r.get(TASK.MAX_ATTEMPTS), r.get(TASK.CONCURRENCY_KEY),
                r.get(TASK.UNIQUE_KEY), r.get(TASK.GROUP_KEY), r.get(TASK.LAST_ERROR), r.get(TASK.CANCEL_REQUESTED),
                r.get(TASK.LOCKED_BY), r.get(TASK.PROGRESS_DONE), r.get(TASK.PROGRESS_TOTAL), r.get(TASK.CREATED_AT),
                r.get(TASK.RUN_AT), r.get(TASK.STARTED_AT), r.get(TASK.FINISHED_AT));
    }

    private List<TaskDetail.LogEntry> logs(long id) {
        List<TaskDetail.LogEntry> newestFirst = db.selectFrom(TASK_LOG).where(TASK_LOG.TASK_ID.eq(id))
                .orderBy(TASK_LOG.ID.desc()).limit(500)
                .fetch(l -> new TaskDetail.LogEntry(l.getId(), l.getAttempt(), l.getAt(), LogLevel.valueOf(l.getLevel()),
                        l.getMessage()));
        List<TaskDetail.LogEntry> logs = new ArrayList<>(newestFirst.reversed());
        logs.sort(java.util.Comparator.comparing(TaskDetail.LogEntry::at).thenComparing(TaskDetail.LogEntry::id));
        return logs;
    }

    private Map<String, Long> counters(JSONB counters) {
        Map<String, Long> result = new LinkedHashMap<>();
        if (counters != null) {
            json.readTree(counters.data()).properties().forEach(e -> result.put(e.getKey(), e.getValue().asLong()));
        }
        return result;
    }

    private List<TaskDetail.Failure> failures(JSONB errors) {
        List<TaskDetail.Failure> failures = new ArrayList<>();
        if (errors != null) {
            for (JsonNode e : json.readTree(errors.data())) {
                failures.add(new TaskDetail.Failure(e.path("attempt").asInt(), OffsetDateTime.parse(e.path("at").asText()),
                        e.path("instance").isNull() ? null : e.path("instance").asText(), e.path("error").asText()));
            }
        }
        return failures;
    }
}
