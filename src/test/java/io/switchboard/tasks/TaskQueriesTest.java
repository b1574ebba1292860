package io.switchboard.tasks;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.ProbeTasks;
import testsupport.ProbeTasks.Probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.ProbeTasks.PROBE;
import static testsupport.TaskWaits.awaitState;
import static testsupport.TaskWaits.eventually;

/** The pages' queries return what the filters say, page after page, and the figures add up. */
class TaskQueriesTest {
    private static AppInstance app;
    private static Tasks tasks;
    private static TaskQueries queries;
    private static final List<Long> succeeded = new ArrayList<>();
    private static final List<Long> failed = new ArrayList<>();
    private static final List<Long> scheduled = new ArrayList<>();

    @BeforeAll
    static void start() {
        ProbeTasks.reset();
        app = AppInstance.start(TestPostgres.freshDatabase(), List.of(ProbeTasks.class), FastEngine.PROPERTIES);
        tasks = app.bean(Tasks.class);
        queries = app.bean(TaskQueries.class);
        ProbeTasks.behave("q-fail", (probe, context) -> Outcome.failedPermanently("Token invalid (190/460) for " + probe.key()));
        for (int i = 0; i < 30; i++) {
            succeeded.add(tasks.submit(TaskRequest.of(PROBE, new Probe("q-ok", "", 0)).withQueue("q-one")
                    .withConcurrency("account:" + (i % 3), 2).withGroup("campaign:" + (i % 2))).id());
        }
        for (int i = 0; i < 5; i++) {
            failed.add(tasks.submit(TaskRequest.of(PROBE, new Probe("q-fail", "account:" + i, 0)).withQueue("q-two")
                    .withMaxAttempts(1).withUniqueKey("token-check:" + i)).id());
        }
        for (int i = 0; i < 4; i++) {
            scheduled.add(tasks.submit(TaskRequest.of(PROBE, Probe.of("q-later")).withQueue("q-two")
                    .withDelay(Duration.ofHours(1))).id());
        }
        succeeded.forEach(id -> awaitState(tasks, id, TaskState.SUCCEEDED));
        failed.forEach(id -> awaitState(tasks, id, TaskState.FAILED));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void pages_walk_through_everything_newest_first_without_gaps_or_repeats() {
        List<Long> seen = new ArrayList<>();
        Long before = null;
        do {
            TaskPage page = queries.find(TaskFilter.all(), before, 7);
            assertThat(page.tasks()).hasSizeLessThanOrEqualTo(7);
            page.tasks().forEach(t -> seen.add(t.id()));
            before = page.nextBefore();
        } while (before != null);

        List<Long> all = new ArrayList<>(succeeded);
        all.addAll(failed);
        all.addAll(scheduled);
        assertThat(seen).containsExactlyElementsOf(all.stream().sorted(java.util.Comparator.reverseOrder()).toList());
    }

    @Test
    void each_filter_selects_exactly_its_tasks() {
        assertThat(ids(TaskFilter.inState(TaskState.FAILED))).containsExactlyInAnyOrderElementsOf(failed);
        assertThat(ids(TaskFilter.inState(TaskState.SCHEDULED))).containsExactlyInAnyOrderElementsOf(scheduled);
        assertThat(ids(filter(Set.of(), null, "q-one", null, null, null))).containsExactlyInAnyOrderElementsOf(succeeded);
        assertThat(ids(filter(Set.of(), null, null, "account:1", null, null)))
                .containsExactlyInAnyOrderElementsOf(succeeded.subList(0, 30).stream()
                        .filter(id -> succeeded.indexOf(id) % 3 == 1).toList());
        assertThat(ids(filter(Set.of(), null, null, "token-check:3", null, null))).containsExactly(failed.get(3));
        assertThat(ids(filter(Set.of(), null, null, null, "campaign:0", null))).hasSize(15);
        assertThat(ids(filter(Set.of(), null, null, null, null, "190/460"))).containsExactlyInAnyOrderElementsOf(failed);
        assertThat(ids(filter(Set.of(), null, null, null, null, "for account:4"))).containsExactly(failed.get(4));
        assertThat(ids(filter(Set.of(), null, null, null, null, "100%_"))).isEmpty();
        assertThat(ids(filter(Set.of(TaskState.SUCCEEDED), "test.probe", "q-two", null, null, null))).isEmpty();
    }

    @Test
    void bulk_counts_cover_only_what_the_action_can_touch() {
        TaskFilter queueTwo = filter(Set.of(), null, "q-two", null, null, null);
        assertThat(queries.countFor(TaskQueries.BulkAction.RETRY, queueTwo, 1000)).isEqualTo(5);
        assertThat(queries.countFor(TaskQueries.BulkAction.CANCEL, queueTwo, 1000)).isEqualTo(4);
        assertThat(queries.countFor(TaskQueries.BulkAction.CANCEL, queueTwo, 3)).isEqualTo(3);
    }

    @Test
    void the_overview_counts_live_tasks_and_the_last_day_of_finished_ones() {
        eventually(() -> {
            TaskQueries.Overview overview = queries.overview();
            assertThat(overview.counts().get(TaskState.SUCCEEDED)).isEqualTo(30);
            assertThat(overview.counts().get(TaskState.FAILED)).isEqualTo(5);
            assertThat(overview.counts().get(TaskState.SCHEDULED)).isEqualTo(4);
            assertThat(overview.failures()).extracting(TaskView::id).containsExactlyElementsOf(
                    failed.reversed());
            assertThat(overview.throughput()).hasSize(60);
            assertThat(overview.throughput().stream().mapToLong(ThroughputPoint::total).sum()).isEqualTo(35);
            assertThat(overview.queues()).filteredOn(q -> q.name().equals("q-two")).singleElement()
                    .satisfies(q -> assertThat(q.scheduled()).isEqualTo(4))
                    .satisfies(q -> assertThat(q.finishedLastHour()).isEqualTo(5));
        });
    }

    private static List<Long> ids(TaskFilter filter) {
        return queries.find(filter, null, 500).tasks().stream().map(TaskView::id).toList();
    }

    private static TaskFilter filter(Set<TaskState> states, String kind, String queue, String key, String group,
                                     String error) {
        return new TaskFilter(states, kind, queue, key, group, error, null);
    }
}
