package io.switchboard.tasks;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.DatabaseLink;
import testsupport.ProbeTasks;
import testsupport.ProbeTasks.Probe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.TASK;
import static switchboard.jooq.Tables.TASK_GROUP;
import static testsupport.TaskWaits.awaitState;
import static testsupport.TaskWaits.eventually;

/**
 * An instance whose database goes away for longer than a lease (the link to it is cut, then joined again):
 * its runs stop believing they hold their leases before the database lets them expire, nothing that failed
 * for the outage uses up an attempt, and the instance goes on working without a restart. Also: a group
 * finishes in the transaction of its last outcome, even when that transaction must be tried again.
 */
class EngineOutageTest {
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Map<String, Long> LAPSED_AFTER_CUT = new ConcurrentHashMap<>();
    private static DatabaseLink link;
    private static AppInstance app;
    private static Tasks tasks;
    private static DSLContext db;

    @BeforeAll
    static void start() {
        ProbeTasks.reset();
        String url = TestPostgres.freshDatabase();
        String name = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
        link = DatabaseLink.to(TestPostgres.server().getPort());
        app = AppInstance.start(link.jdbcUrl(name), List.of(ProbeTasks.class), FastEngine.with(
                "switchboard.tasks.lease-duration=" + LEASE.toMillis() + "ms",
                "spring.datasource.hikari.connection-timeout=500",
                "spring.datasource.hikari.validation-timeout=250"));
        tasks = app.bean(Tasks.class);
        db = app.bean(DSLContext.class);
    }

    @AfterAll
    static void stop() {
        app.close();
        link.close();
    }

    @Test
    void a_database_outage_longer_than_a_lease_stops_runs_in_time_and_uses_up_no_attempt() throws Exception {
        long[] cutAt = new long[1];
        // waits for its lease to go; once run again (after the outage) it is done
        ProbeTasks.behave("holds-on", (probe, context) -> {
            if (ProbeTasks.runs(context.taskId()) > 1) {
                return Outcome.completed();
            }
            while (context.leaseHeld()) {
                sleep(20);
            }
            LAPSED_AFTER_CUT.put("holds-on", System.nanoTime() - cutAt[0]);
            return Outcome.failed("the lease went");
        });
        // reads the database all along: the outage makes it fail with a connection error
        ProbeTasks.behave("reads", (probe, context) -> {
            if (ProbeTasks.runs(context.taskId()) > 1) {
                return Outcome.completed();
            }
            while (true) {
                db.selectOne().fetch();
                sleep(20);
            }
        });
        long holding = tasks.submit(TaskRequest.of(ProbeTasks.PROBE, Probe.of("holds-on")).withMaxAttempts(1)).id();
        long reading = tasks.submit(TaskRequest.of(ProbeTasks.PROBE, Probe.of("reads")).withMaxAttempts(1)).id();
        awaitState(tasks, holding, TaskState.RUNNING);
        awaitState(tasks, reading, TaskState.RUNNING);
        sleep(LEASE.toMillis()); // a few heartbeats went through

        cutAt[0] = System.nanoTime();
        link.cut();
        try {
            sleep(LEASE.multipliedBy(3).toMillis());
            assertThat(LAPSED_AFTER_CUT).as("the run stopped believing in its lease while the database was away")
                    .containsKey("holds-on");
            assertThat(Duration.ofNanos(LAPSED_AFTER_CUT.get("holds-on"))).isLessThan(LEASE);
        } finally {
            link.join();
        }
        awaitDatabase();

        TaskDetail held = awaitState(tasks, holding, TaskState.SUCCEEDED, Duration.ofSeconds(60));
        TaskDetail read = awaitState(tasks, reading, TaskState.SUCCEEDED, Duration.ofSeconds(60));
        for (TaskDetail done : List.of(held, read)) {
            assertThat(done.task().attempt()).as("attempts used by task %d", done.task().id()).isEqualTo(1);
            assertThat(done.failures()).extracting(TaskDetail.Failure::error)
                    .allSatisfy(error -> assertThat(error).contains("not counted as an attempt"));
        }

        long after = tasks.submit(TaskRequest.of(ProbeTasks.PROBE, Probe.of("plain"))).id();
        awaitState(tasks, after, TaskState.SUCCEEDED, Duration.ofSeconds(30));
    }

    @Test
    void a_group_finishes_with_its_last_outcome_even_when_that_must_be_written_twice() {
        String group = "atomic-group";
        // the first attempt to mark the group finished fails (a sequence outlives the rollback), later ones pass
        db.execute("CREATE SEQUENCE group_finish_failures");
        db.execute("CREATE FUNCTION fail_first_group_finish() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF nextval('group_finish_failures') = 1 THEN RAISE EXCEPTION 'group finish refused once'; END IF; "
                + "RETURN NEW; END $$");
        db.execute("CREATE TRIGGER fail_first_group_finish BEFORE UPDATE OF finished_at ON task_group FOR EACH ROW "
                + "WHEN (NEW.group_key = '" + group + "' AND NEW.finished_at IS NOT NULL) "
                + "EXECUTE FUNCTION fail_first_group_finish()");
        try {
            long id = tasks.submit(TaskRequest.of(ProbeTasks.PROBE, Probe.of("plain")).withGroup(group)).id();
            awaitState(tasks, id, TaskState.SUCCEEDED);
            eventually(() -> {
                assertThat(db.select(TASK_GROUP.FINISHED_AT).from(TASK_GROUP).where(TASK_GROUP.GROUP_KEY.eq(group))
                        .fetchSingle().value1()).as("the group is finished").isNotNull();
                assertThat(ProbeTasks.finishedGroups()).extracting(GroupFinished::group).contains(group);
            });
            assertThat(((Number) db.fetchValue("SELECT last_value FROM group_finish_failures")).longValue())
                    .as("the refused first write was tried again").isGreaterThan(1L);
            assertThat(db.select(TASK.ATTEMPT).from(TASK).where(TASK.ID.eq(id)).fetchSingle().value1()).isEqualTo(1);
        } finally {
            db.execute("DROP TRIGGER fail_first_group_finish ON task_group");
            db.execute("DROP FUNCTION fail_first_group_finish()");
            db.execute("DROP SEQUENCE group_finish_failures");
        }
    }

    @Test
    void a_stopping_instance_interrupts_its_runs_before_it_hands_their_tasks_back() throws Exception {
        Map<Long, String> stateWhenInterrupted = new ConcurrentHashMap<>();
        String url = TestPostgres.freshDatabase();
        try (AppInstance stopping = AppInstance.start(url, List.of(ProbeTasks.class),
                FastEngine.with("switchboard.tasks.shutdown-grace=500ms"))) {
            DSLContext its = stopping.bean(DSLContext.class);
            ProbeTasks.behave("sleeps-on", (probe, context) -> {
                try {
                    Thread.sleep(60_000);
                    return Outcome.completed();
                } catch (InterruptedException e) {
                    stateWhenInterrupted.put(context.taskId(), its.select(TASK.STATE).from(TASK)
                            .where(TASK.ID.eq(context.taskId())).fetchSingle().value1());
                    return Outcome.failed("interrupted");
                }
            });
            Tasks theirs = stopping.bean(Tasks.class);
            long id = theirs.submit(TaskRequest.of(ProbeTasks.PROBE, Probe.of("sleeps-on"))).id();
            awaitState(theirs, id, TaskState.RUNNING);
            stopping.close();
            assertThat(stateWhenInterrupted).as("still its own when told to stop").containsEntry(id, "running");
            try (var connection = java.sql.DriverManager.getConnection(url, "postgres", "postgres")) {
                var task = org.jooq.impl.DSL.using(connection).select(TASK.STATE, TASK.ATTEMPT).from(TASK)
                        .where(TASK.ID.eq(id)).fetchSingle();
                assertThat(task.value1()).as("handed back").isEqualTo("queued");
                assertThat(task.value2()).as("without using an attempt").isZero();
            }
        }
    }

    /** Until the instance's pool hands out working connections again (the test's own queries need them). */
    private static void awaitDatabase() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                db.selectOne().fetch();
                return;
            } catch (RuntimeException e) {
                assertThat(System.nanoTime()).as("the database is reachable again: %s", e.getMessage())
                        .isLessThan(deadline);
                sleep(200);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
