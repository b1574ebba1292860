package io.switchboard.tasks;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import testsupport.TaskFixtures;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.TASK;

/**
 * Every query behind the operations pages, EXPLAINed on a table of a million finished and ten thousand
 * waiting tasks: none may read a task table sequentially.
 */
class DashboardQueryPlansTest {
    private static final Pattern SEQUENTIAL = Pattern.compile("Seq Scan on (task|task_log|task_throughput)\\b");
    private static AppInstance app;
    private static DSLContext db;
    private static TaskReadStore store;
    private static long middleId;
    private static long someId;

    @BeforeAll
    static void fill() {
        app = AppInstance.start(TestPostgres.freshDatabase(), java.util.List.of(), "switchboard.tasks.workers=false");
        db = app.bean(DSLContext.class);
        TaskFixtures.fill(db, 1_000_000, 10_000);
        store = app.bean(TaskReadStore.class);
        middleId = db.select(org.jooq.impl.DSL.max(TASK.ID)).from(TASK).fetchSingle().value1() / 2;
        someId = middleId + 17;
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Stream<Arguments> queries() {
        var failed = TaskFilter.inState(TaskState.FAILED);
        return Stream.of(
                Arguments.of("all tasks, first page", (QueryFor) () -> store.findQuery(TaskFilter.all(), null, 51)),
                Arguments.of("all tasks, deep page", (QueryFor) () -> store.findQuery(TaskFilter.all(), middleId, 51)),
                Arguments.of("failed", (QueryFor) () -> store.findQuery(failed, null, 51)),
                Arguments.of("succeeded, deep page", (QueryFor) () -> store.findQuery(TaskFilter.inState(TaskState.SUCCEEDED), middleId, 51)),
                Arguments.of("queued", (QueryFor) () -> store.findQuery(TaskFilter.inState(TaskState.QUEUED), null, 51)),
                Arguments.of("scheduled", (QueryFor) () -> store.findQuery(TaskFilter.inState(TaskState.SCHEDULED), null, 51)),
                Arguments.of("running", (QueryFor) () -> store.findQuery(TaskFilter.inState(TaskState.RUNNING), null, 51)),
                Arguments.of("kind", (QueryFor) () -> store.findQuery(filter(null, "proxies.diagnose", null, null, null, null), null, 51)),
                Arguments.of("kind and state, deep", (QueryFor) () -> store.findQuery(filter(Set.of(TaskState.SUCCEEDED), "media.prepare", null, null, null, null), middleId, 51)),
                Arguments.of("queue", (QueryFor) () -> store.findQuery(filter(null, null, "accounts", null, null, null), null, 51)),
                Arguments.of("key", (QueryFor) () -> store.findQuery(filter(null, null, null, "account:42", null, null), null, 51)),
                Arguments.of("group", (QueryFor) () -> store.findQuery(filter(null, null, null, null, "campaign:7", null), null, 51)),
                Arguments.of("error text", (QueryFor) () -> store.findQuery(filter(null, null, null, null, null, "2207052"), null, 51)),
                Arguments.of("error text, failed, deep", (QueryFor) () -> store.findQuery(filter(Set.of(TaskState.FAILED), null, null, null, null, "timed out"), middleId, 51)),
                Arguments.of("running on an instance", (QueryFor) () -> store.findQuery(new TaskFilter(Set.of(), null, null, null, null, null, UUID.randomUUID()), null, 51)),
                Arguments.of("bulk retry count", (QueryFor) () -> store.countQuery(filter(null, "publishing.post", null, null, "campaign:3", null), TaskQueries.BulkAction.RETRY.states(), 1_000_000)),
                Arguments.of("bulk cancel count", (QueryFor) () -> store.countQuery(filter(null, null, "publishing-held", null, null, null), TaskQueries.BulkAction.CANCEL.states(), 1_000_000)),
                Arguments.of("live counts", (QueryFor) () -> store.liveCountsQuery()),
                Arguments.of("queues with work", (QueryFor) () -> app.bean(MaintenanceStore.class).queuesWithWorkQuery()),
                Arguments.of("finished counts, 24 h", (QueryFor) () -> store.finishedCountsQuery(Duration.ofHours(24))),
                Arguments.of("throughput, 1 h", (QueryFor) () -> store.throughputQuery(Duration.ofHours(1))),
                Arguments.of("task detail", (QueryFor) () -> store.detailQuery(someId)),
                Arguments.of("task log", (QueryFor) () -> store.logsQuery(someId, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void uses_an_index(String name, QueryFor query) {
        String plan = db.fetch("EXPLAIN " + db.renderInlined(query.get())).stream()
                .map(r -> r.get(0, String.class)).collect(Collectors.joining("\n"));
        assertThat(SEQUENTIAL.matcher(plan).find()).as("plan of %s:%n%s", name, plan).isFalse();
    }

    interface QueryFor {
        Query get();
    }

    private static TaskFilter filter(Set<TaskState> states, String kind, String queue, String key, String group, String error) {
        return new TaskFilter(states == null ? Set.of() : states, kind, queue, key, group, error, null);
    }
}
