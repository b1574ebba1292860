package io.switchboard.tasks;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.Select;
import org.jooq.ResultQuery;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.conf.Settings;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import switchboard.jooq.tables.records.TaskLogRecord;
import switchboard.jooq.tables.records.TaskRecord;
import switchboard.jooq.tables.records.TaskQueueRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

import static io.switchboard.tasks.Sql.NOW;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static switchboard.jooq.Tables.TASK;
import static switchboard.jooq.Tables.TASK_LOG;
import static switchboard.jooq.Tables.TASK_QUEUE;
import static switchboard.jooq.Tables.TASK_THROUGHPUT;

/**
 * The queries behind the operations pages. Each one is served by an index: live tasks through the small
 * partial indexes of their states, finished ones through the partial indexes on finished tasks, counts of
 * finished tasks from the per-minute statistics. The query builders are package-visible so a test can
 * EXPLAIN every one of them on a large table.
 */
@Repository
class TaskReadStore {
    static final Set<TaskState> LIVE = EnumSet.of(TaskState.SCHEDULED, TaskState.QUEUED, TaskState.RUNNING);
    static final Set<TaskState> FINISHED = EnumSet.of(TaskState.SUCCEEDED, TaskState.FAILED, TaskState.CANCELLED);
    private static final List<SelectFieldOrAsterisk> LIST_FIELDS = List.of(TASK.ID, TASK.KIND, TASK.QUEUE,
            TASK.STATE, TASK.PRIORITY, TASK.ATTEMPT, TASK.MAX_ATTEMPTS, TASK.CONCURRENCY_KEY, TASK.UNIQUE_KEY,
            TASK.GROUP_KEY, TASK.LAST_ERROR, TASK.CANCEL_REQUESTED, TASK.RERUN_REQUESTED, TASK.LOCKED_BY,
            TASK.PROGRESS_DONE, TASK.PROGRESS_TOTAL, TASK.CREATED_AT, TASK.RUN_AT, TASK.STARTED_AT, TASK.FINISHED_AT);
    /** A page's query is cancelled after this long rather than load the database. */
    static final Duration PAGE_QUERY_TIMEOUT = Duration.ofSeconds(3);
    private final DSLContext db;
    private final DSLContext pages;
    private final JsonMapper json;

    TaskReadStore(DSLContext db, JsonMapper json) {
        this.db = db;
        this.pages = db.configuration()
                .derive(new Settings().withQueryTimeout((int) PAGE_QUERY_TIMEOUT.toSeconds())).dsl();
        this.json = json;
    }

    Optional<TaskDetail> detail(long id) {
        return pages.fetchOptional(detailQuery(id)).map(r -> new TaskDetail(view(r),
                r.getPayload().data(), counters(r.getCounters()), failures(r.getErrors()), logs(id, 0)));
    }

    ResultQuery<TaskRecord> detailQuery(long id) {
        return db.selectFrom(TASK).where(TASK.ID.eq(id));
    }

    /** Log lines of a task written after the line with id {@code afterId}, oldest first (at most 500). */
    List<TaskDetail.LogEntry> logs(long taskId, long afterId) {
        return pages.fetch(logsQuery(taskId, afterId)).map(l -> new TaskDetail.LogEntry(l.getId(), l.getAttempt(), l.getAt(),
                        LogLevel.valueOf(l.getLevel()), l.getMessage()))
                .reversed().stream()
                .sorted(Comparator.comparing(TaskDetail.LogEntry::at).thenComparing(TaskDetail.LogEntry::id))
                .toList();
    }

    ResultQuery<TaskLogRecord> logsQuery(long taskId, long afterId) {
        return db.selectFrom(TASK_LOG).where(TASK_LOG.TASK_ID.eq(taskId).and(TASK_LOG.ID.gt(afterId)))
                .orderBy(TASK_LOG.ID.desc()).limit(500);
    }

    TaskPage find(TaskFilter filter, @Nullable Long before, int limit) {
        List<TaskView> rows = pages.fetch(findQuery(filter, before, limit + 1)).map(TaskReadStore::view);
        boolean more = rows.size() > limit;
        List<TaskView> page = more ? rows.subList(0, limit) : rows;
        return new TaskPage(page, more ? page.getLast().id() : null);
    }

    /**
     * Newest first. Each live state has a small partial index of its own and finished tasks have theirs, so
     * each is asked for separately (already limited) and the answers merged: no scan of the big table.
     */
    ResultQuery<Record> findQuery(TaskFilter filter, @Nullable Long before, int limit) {
        Condition common = matching(filter).and(before == null ? noCondition() : TASK.ID.lt(before));
        var merged = unionAll(byIndex(statesFor(filter), state -> select(LIST_FIELDS).from(TASK)
                .where(common.and(state)).orderBy(TASK.ID.desc()).limit(limit))).asTable("t");
        return db.select(merged.asterisk()).from(merged).orderBy(merged.field(TASK.ID).desc()).limit(limit);
    }

    /** How many tasks match, among those in the given states, counting at most {@code cap} (for a page). */
    long countForPage(TaskFilter filter, Set<TaskState> among, int cap) {
        return pages.fetchCount(countQuery(filter, among, cap));
    }

    /** How many tasks match, among those in the given states, without time limit (for a bulk command). */
    long countMatching(TaskFilter filter, Set<TaskState> among) {
        return db.fetchCount(countQuery(filter, among, Integer.MAX_VALUE));
    }

    Select<Record1<Long>> countQuery(TaskFilter filter, Set<TaskState> among, int cap) {
        EnumSet<TaskState> states = EnumSet.copyOf(statesFor(filter));
        states.retainAll(among);
        if (states.isEmpty()) {
            return select(TASK.ID).from(TASK).where(org.jooq.impl.DSL.falseCondition());
        }
        var merged = unionAll(byIndex(states, state -> select(TASK.ID).from(TASK)
                .where(matching(filter).and(state)).limit(cap))).asTable("t");
        return select(merged.field(TASK.ID)).from(merged).limit(cap);
    }

    /** The states a filter selects; only running tasks have an instance, so that filter means running. */
    private static Set<TaskState> statesFor(TaskFilter filter) {
        EnumSet<TaskState> states = EnumSet.copyOf(filter.effectiveStates());
        if (filter.instance() != null) {
            states.retainAll(EnumSet.of(TaskState.RUNNING));
        }
        return states;
    }

    /**
     * One query per index that covers the states: a branch per live state (each has a partial index) and one
     * for all finished states.
     */
    private static <R extends Record> List<Select<R>> byIndex(Set<TaskState> states,
                                                             java.util.function.Function<Condition, Select<R>> branch) {
        List<Select<R>> branches = new ArrayList<>();
        for (TaskState state : LIVE) {
            if (states.contains(state)) {
                branches.add(branch.apply(TASK.STATE.eq(state.dbValue())));
            }
        }
        List<String> finished = dbValues(states, FINISHED);
        if (!finished.isEmpty()) {
            branches.add(branch.apply(TASK.STATE.in(finished)));
        }
        return branches;
    }

    private static <R extends Record> Select<R> unionAll(List<Select<R>> branches) {
        Select<R> union = branches.getFirst();
        for (Select<R> next : branches.subList(1, branches.size())) {
            union = union.unionAll(next);
        }
        return union;
    }

    /** Ids of tasks matching, in the given states, newest first, below {@code before}. */
    List<Long> ids(TaskFilter filter, Set<TaskState> among, @Nullable Long before, int limit) {
        EnumSet<TaskState> states = EnumSet.copyOf(statesFor(filter));
        states.retainAll(among);
        if (states.isEmpty()) {
            return List.of();
        }
        Condition common = matching(filter).and(before == null ? noCondition() : TASK.ID.lt(before));
        var merged = unionAll(byIndex(states, state -> select(TASK.ID).from(TASK).where(common.and(state))
                .orderBy(TASK.ID.desc()).limit(limit))).asTable("t");
        return db.select(merged.field(TASK.ID)).from(merged).orderBy(merged.field(TASK.ID).desc()).limit(limit)
                .fetch(merged.field(TASK.ID));
    }

    /** Live tasks per queue and state. */
    record LiveCount(String queue, TaskState state, long count) {
    }

    List<LiveCount> liveCounts() {
        return pages.fetch(liveCountsQuery()).map(r -> new LiveCount(r.get(TASK.QUEUE), TaskState.fromDb(r.get(TASK.STATE)),
                r.get(count()).longValue()));
    }

    TaskCounts counts(List<LiveCount> live) {
        Map<TaskState, Long> counts = new EnumMap<>(TaskState.class);
        live.forEach(c -> counts.merge(c.state(), c.count(), Long::sum));
        var finished = pages.fetchSingle(finishedCountsQuery(Duration.ofHours(24)));
        counts.put(TaskState.SUCCEEDED, value(finished.value1()));
        counts.put(TaskState.FAILED, value(finished.value2()));
        counts.put(TaskState.CANCELLED, value(finished.value3()));
        return new TaskCounts(counts);
    }

    ResultQuery<Record3<String, String, Integer>> liveCountsQuery() {
        return liveCountsQuery(db);
    }

    /**
     * Live tasks per queue and state, one branch per state, each read from its state's partial index alone (the
     * state is a constant of the branch, not read from the row).
     */
    static ResultQuery<Record3<String, String, Integer>> liveCountsQuery(DSLContext db) {
        List<Select<Record3<String, String, Integer>>> branches = new ArrayList<>();
        for (TaskState state : LIVE) {
            branches.add(select(TASK.QUEUE, inline(state.dbValue()).as(TASK.STATE), count()).from(TASK)
                    .where(TASK.STATE.eq(state.dbValue())).groupBy(TASK.QUEUE));
        }
        var merged = unionAll(branches).asTable("c");
        return db.select(merged.field(TASK.QUEUE), merged.field(TASK.STATE), merged.field(2, Integer.class).as(count()))
                .from(merged);
    }

    ResultQuery<Record3<BigDecimal, BigDecimal, BigDecimal>> finishedCountsQuery(
            Duration window) {
        return db.select(sum(TASK_THROUGHPUT.SUCCEEDED), sum(TASK_THROUGHPUT.FAILED), sum(TASK_THROUGHPUT.CANCELLED))
                .from(TASK_THROUGHPUT).where(TASK_THROUGHPUT.MINUTE.ge(Sql.ago(window)));
    }

    List<QueueStats> queues(List<LiveCount> counts, ToIntFunction<String> concurrency) {
        Map<String, long[]> live = new TreeMap<>();
        List<TaskState> order = List.copyOf(LIVE);
        counts.forEach(c -> live.computeIfAbsent(c.queue(), q -> new long[3])[order.indexOf(c.state())] += c.count());
        Map<String, Long> finished = new HashMap<>();
        pages.select(TASK_THROUGHPUT.QUEUE, sum(TASK_THROUGHPUT.SUCCEEDED.plus(TASK_THROUGHPUT.FAILED)
                        .plus(TASK_THROUGHPUT.CANCELLED)))
                .from(TASK_THROUGHPUT).where(TASK_THROUGHPUT.MINUTE.ge(Sql.ago(Duration.ofHours(1))))
                .groupBy(TASK_THROUGHPUT.QUEUE)
                .forEach(r -> {
                    finished.put(r.value1(), value(r.value2()));
                    live.computeIfAbsent(r.value1(), q -> new long[3]);
                });
        Map<String, TaskQueueRecord> paused = new HashMap<>();
        pages.selectFrom(TASK_QUEUE).forEach(r -> {
            paused.put(r.getName(), r);
            live.computeIfAbsent(r.getName(), q -> new long[3]);
        });
        List<QueueStats> stats = new ArrayList<>();
        live.forEach((queue, byState) -> {
            var pause = paused.get(queue);
            boolean isPaused = pause != null && pause.getPaused();
            stats.add(new QueueStats(queue, byState[0], byState[1], byState[2], isPaused,
                    isPaused ? pause.getPausedBy() : null, isPaused ? pause.getPausedAt() : null,
                    finished.getOrDefault(queue, 0L), concurrency.applyAsInt(queue)));
        });
        return stats;
    }

    /** Tasks finished per minute over the window, oldest first, minutes without any included as zero. */
    List<ThroughputPoint> throughput(Duration window) {
        Map<OffsetDateTime, ThroughputPoint> byMinute = new LinkedHashMap<>();
        pages.fetch(throughputQuery(window)).forEach(r -> byMinute.put(r.value1().withOffsetSameInstant(ZoneOffset.UTC),
                new ThroughputPoint(r.value1(), value(r.value2()), value(r.value3()), value(r.value4()))));
        // the chart's axis may follow this instance's clock; the counts come from the database's minutes
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        List<ThroughputPoint> points = new ArrayList<>();
        for (OffsetDateTime minute = now.minus(window).plusMinutes(1); !minute.isAfter(now); minute = minute.plusMinutes(1)) {
            points.add(byMinute.getOrDefault(minute, new ThroughputPoint(minute, 0, 0, 0)));
        }
        return points;
    }

    ResultQuery<Record4<OffsetDateTime, BigDecimal, BigDecimal, BigDecimal>>
    throughputQuery(Duration window) {
        return db.select(TASK_THROUGHPUT.MINUTE, sum(TASK_THROUGHPUT.SUCCEEDED), sum(TASK_THROUGHPUT.FAILED),
                        sum(TASK_THROUGHPUT.CANCELLED))
                .from(TASK_THROUGHPUT).where(TASK_THROUGHPUT.MINUTE.gt(Sql.ago(window)))
                .groupBy(TASK_THROUGHPUT.MINUTE).orderBy(TASK_THROUGHPUT.MINUTE);
    }

    private static Condition matching(TaskFilter filter) {
        Condition condition = noCondition();
        if (filter.kind() != null) {
            condition = condition.and(TASK.KIND.eq(filter.kind()));
        }
        if (filter.queue() != null) {
            condition = condition.and(TASK.QUEUE.eq(filter.queue()));
        }
        if (filter.key() != null) {
            condition = condition.and(TASK.CONCURRENCY_KEY.eq(filter.key()).or(TASK.UNIQUE_KEY.eq(filter.key())));
        }
        if (filter.group() != null) {
            condition = condition.and(TASK.GROUP_KEY.eq(filter.group()));
        }
        if (filter.error() != null) {
            condition = condition.and(TASK.LAST_ERROR.likeIgnoreCase("%" + escapeLike(filter.error()) + "%", '\\'));
        }
        if (filter.instance() != null) {
            condition = condition.and(TASK.LOCKED_BY.eq(filter.instance()));
        }
        return condition;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static List<String> dbValues(Set<TaskState> states, Set<TaskState> within) {
        return states.stream().filter(within::contains).map(TaskState::dbValue).toList();
    }

    private static long value(BigDecimal sum) {
        return sum == null ? 0 : sum.longValue();
    }

    /** The latest task that held each of these unique keys, by key (served by task_unique_key_all_idx). */
    Map<String, Long> latestByUniqueKey(java.util.Collection<String> keys) {
        Map<String, Long> ids = new HashMap<>();
        if (!keys.isEmpty()) {
            db.select(TASK.UNIQUE_KEY, org.jooq.impl.DSL.max(TASK.ID)).from(TASK).where(TASK.UNIQUE_KEY.in(keys))
                    .groupBy(TASK.UNIQUE_KEY).forEach(r -> ids.put(r.value1(), r.value2()));
        }
        return ids;
    }

    static TaskView view(Record r) {
        return new TaskView(r.get(TASK.ID), r.get(TASK.KIND), r.get(TASK.QUEUE), TaskState.fromDb(r.get(TASK.STATE)),
                r.get(TASK.PRIORITY), r.get(TASK.ATTEMPT), r.get(TASK.MAX_ATTEMPTS), r.get(TASK.CONCURRENCY_KEY),
                r.get(TASK.UNIQUE_KEY), r.get(TASK.GROUP_KEY), r.get(TASK.LAST_ERROR), r.get(TASK.CANCEL_REQUESTED),
                r.get(TASK.RERUN_REQUESTED), r.get(TASK.LOCKED_BY), r.get(TASK.PROGRESS_DONE),
                r.get(TASK.PROGRESS_TOTAL), r.get(TASK.CREATED_AT), r.get(TASK.RUN_AT), r.get(TASK.STARTED_AT),
                r.get(TASK.FINISHED_AT));
    }

    private Map<String, Long> counters(@Nullable JSONB counters) {
        Map<String, Long> result = new LinkedHashMap<>();
        if (counters != null) {
            json.readTree(counters.data()).properties().forEach(e -> result.put(e.getKey(), e.getValue().asLong()));
        }
        return result;
    }

    private List<TaskDetail.Failure> failures(@Nullable JSONB errors) {
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
