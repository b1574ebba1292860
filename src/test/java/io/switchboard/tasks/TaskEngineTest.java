package io.switchboard.tasks;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;
import testsupport.ProbeTasks;
import testsupport.ProbeTasks.Probe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static switchboard.jooq.Tables.SHEDLOCK;
import static switchboard.jooq.Tables.TASK;
import static switchboard.jooq.Tables.TASK_GROUP;
import static testsupport.ProbeTasks.PROBE;
import static testsupport.TaskWaits.awaitState;
import static testsupport.TaskWaits.eventually;

/** One instance, real PostgreSQL: what a task goes through, from submit to its end. */
class TaskEngineTest {
    private static AppInstance app;
    private static Tasks tasks;
    private static DSLContext db;

    /** Cancelling, retrying, pausing and uploading are an operator's commands (method security). */
    @BeforeEach
    void signInAsOperator() {
        SignedIn.as("test", "OPERATOR");
    }

    @BeforeAll
    static void start() {
        ProbeTasks.reset();
        app = AppInstance.start(TestPostgres.freshDatabase(), List.of(ProbeTasks.class), FastEngine.PROPERTIES);
        tasks = app.bean(Tasks.class);
        db = app.bean(DSLContext.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void runs_a_submitted_task_once_and_records_its_progress_counters_and_logs() {
        ProbeTasks.behave("reporting", (probe, context) -> {
            context.progress(3, 4);
            context.count("published", 2);
            context.info("halfway there");
            context.warn("one skipped");
            return Outcome.completed();
        });
        long id = tasks.submit(TaskRequest.of(PROBE, Probe.of("reporting"))).id();

        TaskDetail done = awaitState(tasks, id, TaskState.SUCCEEDED);
        assertThat(ProbeTasks.runs(id)).isEqualTo(1);
        assertThat(done.task().attempt()).isEqualTo(1);
        assertThat(done.task().percent()).isEqualTo(75);
        assertThat(done.counters()).containsEntry("published", 2L);
        assertThat(done.logs()).extracting(TaskDetail.LogEntry::message).containsExactly("halfway there", "one skipped");
        assertThat(done.task().finishedAt()).isNotNull();
        assertThat(done.task().lockedBy()).isNull();
    }

    @Test
    void retries_with_growing_back_off_until_attempts_are_used_up_then_fails_for_good() {
        ProbeTasks.behave("always-fails", (probe, context) -> Outcome.failed("platform said no (" + context.attempt() + ")"));
        long id = tasks.submit(TaskRequest.of(PROBE, Probe.of("always-fails")).withMaxAttempts(3)).id();

        TaskDetail failed = awaitState(tasks, id, TaskState.FAILED);
        assertThat(ProbeTasks.runs(id)).isEqualTo(3);
        assertThat(failed.failures()).extracting(TaskDetail.Failure::error)
                .containsExactly("platform said no (1)", "platform said no (2)", "platform said no (3)");
        var starts = ProbeTasks.log().stream().filter(r -> r.taskId() == id)
                .sorted(Comparator.comparingInt(ProbeTasks.Run::attempt)).toList();
        long firstGap = Duration.ofNanos(starts.get(1).startNanos() - starts.get(0).endNanos()).toMillis();
        long secondGap = Duration.ofNanos(starts.get(2).startNanos() - starts.get(1).endNanos()).toMillis();
        // base 200 ms: the first retry waits 150..250 ms, the second 300..500 ms
        assertThat(firstGap).isGreaterThanOrEqualTo(140);
        assertThat(secondGap).isGreaterThanOrEqualTo(290).isGreaterThan(firstGap);
    }

    @Test
    void a_permanent_failure_ends_the_task_at_once() {
        ProbeTasks.behave("bad-input", (probe, context) -> Outcome.failedPermanently("caption too long"));
        long id = tasks.submit(TaskRequest.of(PROBE, Probe.of("bad-input")).withMaxAttempts(5)).id();

        TaskDetail failed = awaitState(tasks, id, TaskState.FAILED);
        assertThat(ProbeTasks.runs(id)).isEqualTo(1);
        assertThat(failed.task().lastError()).isEqualTo("caption too long");
    }

    @Test
    void retry_later_does_not_use_up_attempts() {
        AtomicInteger calls = new AtomicInteger();
        ProbeTasks.behave("rate-limited", (probe, context) -> calls.incrementAndGet() <= 3
                ? Outcome.retryAfter(Duration.ofMillis(100), "throttled by the platform")
                : Outcome.completed());
        long id = tasks.submit(TaskRequest.of(PROBE, Probe.of("rate-limited")).withMaxAttempts(1)).id();

        TaskDetail done = awaitState(tasks, id, TaskState.SUCCEEDED);
        assertThat(ProbeTasks.runs(id)).isEqualTo(4);
        assertThat(done.task().attempt()).isEqualTo(1);
        assertThat(done.failures()).isEmpty();
        assertThat(done.logs()).extracting(TaskDetail.LogEntry::message)
                .allMatch(message -> message.contains("throttled by the platform")).hasSize(3);
    }

    @Test
    void an_unreadable_payload_fails_that_task_permanently_and_blocks_nothing() {
        long broken = db.insertInto(TASK).set(TASK.KIND, PROBE.name()).set(TASK.QUEUE, "default")
                .set(TASK.STATE, "queued").set(TASK.MAX_ATTEMPTS, 5)
                .set(TASK.PAYLOAD, org.jooq.JSONB.valueOf("{\"scenario\": \"x\", \"sleepMillis\": \"soon\"}"))
                .returning(TASK.ID).fetchSingle(TASK.ID);
        long fine = tasks.submit(TaskRequest.of(PROBE, Probe.of("fine"))).id();

        TaskDetail failed = awaitState(tasks, broken, TaskState.FAILED);
        assertThat(failed.task().attempt()).isEqualTo(1);
        assertThat(failed.task().lastError()).startsWith("The payload cannot be read as Probe");
        awaitState(tasks, fine, TaskState.SUCCEEDED);
    }

    @Test
    void cancelling_a_waiting_task_is_immediate_and_a_running_one_stops_cooperatively() {
        long waiting = tasks.submit(TaskRequest.of(PROBE, Probe.of("later")).withDelay(Duration.ofHours(1))).id();
        assertThat(tasks.cancel(waiting)).isEqualTo(Tasks.CancelResult.CANCELLED);
        assertThat(tasks.detail(waiting).orElseThrow().task().state()).isEqualTo(TaskState.CANCELLED);
        assertThat(ProbeTasks.runs(waiting)).isZero();

        ProbeTasks.behave("long-running", (probe, context) -> {
            while (!context.cancelRequested()) {
                sleep(20);
            }
            return Outcome.cancelled("asked to stop");
        });
        long running = tasks.submit(TaskRequest.of(PROBE, Probe.of("long-running"))).id();
        awaitState(tasks, running, TaskState.RUNNING);
        assertThat(tasks.cancel(running)).isEqualTo(Tasks.CancelResult.REQUESTED);

        TaskDetail cancelled = awaitState(tasks, running, TaskState.CANCELLED);
        assertThat(cancelled.logs()).extracting(TaskDetail.LogEntry::message).contains("Cancelled: asked to stop");
        assertThat(tasks.cancel(running)).isEqualTo(Tasks.CancelResult.NOT_LIVE);
    }

    @Test
    void a_running_task_asked_to_cancel_that_fails_is_not_retried() {
        ProbeTasks.behave("fails-after-cancel", (probe, context) -> {
            while (!context.cancelRequested()) {
                sleep(20);
            }
            return Outcome.failed("stopped half way");
        });
        long id = tasks.submit(TaskRequest.of(PROBE, Probe.of("fails-after-cancel"))).id();
        awaitState(tasks, id, TaskState.RUNNING);
        tasks.cancel(id);
        awaitState(tasks, id, TaskState.CANCELLED);
        assertThat(ProbeTasks.runs(id)).isEqualTo(1);
    }

    @Test
    void a_unique_key_admits_one_live_task_at_a_time() {
        ProbeTasks.behave("unique", (probe, context) -> Outcome.completed());
        TaskRequest<Probe> request = TaskRequest.of(PROBE, Probe.of("unique")).withUniqueKey("token-check:42")
                .withDelay(Duration.ofMillis(300));
        Submitted first = tasks.submit(request);
        Submitted second = tasks.submit(request);
        List<Submitted> batch = tasks.submitAll(List.of(request, request.withUniqueKey("token-check:43"), request));

        assertThat(first.created()).isTrue();
        assertThat(second).isEqualTo(new Submitted(first.id(), false));
        assertThat(batch.get(0)).isEqualTo(new Submitted(first.id(), false));
        assertThat(batch.get(1).created()).isTrue();
        assertThat(batch.get(2)).isEqualTo(new Submitted(first.id(), false));

        awaitState(tasks, first.id(), TaskState.SUCCEEDED);
        Submitted afterwards = tasks.submit(request);
        assertThat(afterwards.created()).isTrue();
        assertThat(afterwards.id()).isNotEqualTo(first.id());
    }

    @Test
    void a_submit_of_new_keys_stores_them_all_and_a_key_held_after_all_stores_nothing() {
        ProbeTasks.behave("new-keys", (probe, context) -> Outcome.completed());
        TaskRequest<Probe> request = TaskRequest.of(PROBE, Probe.of("new-keys")).withDelay(Duration.ofSeconds(30));
        List<Submitted> stored = tasks.submitAllWithNewKeys(List.of(request.withUniqueKey("new-key:1"),
                request.withUniqueKey("new-key:2")));
        assertThat(stored).allMatch(Submitted::created);
        assertThat(stored.get(1).id()).isGreaterThan(stored.get(0).id());

        // the unchecked insert does not hand back the live task: it fails whole
        assertThatThrownBy(() -> tasks.submitAllWithNewKeys(List.of(request.withUniqueKey("new-key:3"),
                request.withUniqueKey("new-key:1"))))
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
        assertThat(db.fetchCount(TASK, TASK.UNIQUE_KEY.like("new-key:%"))).isEqualTo(2);
        assertThat(tasks.submit(request.withUniqueKey("new-key:1"))).isEqualTo(new Submitted(stored.get(0).id(), false));
    }

    @Test
    void a_submit_that_finds_its_task_running_makes_it_run_once_more_when_asked_to() throws Exception {
        // the first run of each waits until the second submit is made, then ends (succeeded, or failed for good)
        java.util.concurrent.CountDownLatch submittedAgain = new java.util.concurrent.CountDownLatch(1);
        ProbeTasks.behave("read-then-changed", (probe, context) -> {
            if (context.attempt() == 1 && ProbeTasks.runs(context.taskId()) == 1) {
                try {
                    submittedAgain.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return probe.key().equals("fails") ? Outcome.failedPermanently("gave up") : Outcome.completed();
            }
            return Outcome.completed();
        });
        TaskRequest<Probe> rerun = TaskRequest.of(PROBE, new Probe("read-then-changed", "", 0))
                .withUniqueKey("changed:1").withRerunIfRunning();
        TaskRequest<Probe> failsFirst = TaskRequest.of(PROBE, new Probe("read-then-changed", "fails", 0))
                .withUniqueKey("changed:2").withRerunIfRunning();
        TaskRequest<Probe> plain = TaskRequest.of(PROBE, new Probe("read-then-changed", "", 0))
                .withUniqueKey("changed:3");
        List<Long> ids = tasks.submitAll(List.of(rerun, failsFirst, plain)).stream().map(Submitted::id).toList();
        ids.forEach(id -> awaitState(tasks, id, TaskState.RUNNING));

        assertThat(tasks.submitAll(List.of(rerun, failsFirst, plain))).extracting(Submitted::id, Submitted::created)
                .containsExactly(tuple(ids.get(0), false), tuple(ids.get(1), false), tuple(ids.get(2), false));
        assertThat(ids).as("the task page says which runs will run again")
                .extracting(id -> tasks.detail(id).orElseThrow().task().rerunRequested())
                .containsExactly(true, true, false);
        submittedAgain.countDown();

        for (long id : ids.subList(0, 2)) {
            eventually(Duration.ofSeconds(30), () -> assertThat(ProbeTasks.runs(id)).as("task %d ran again", id)
                    .isEqualTo(2));
            TaskDetail done = awaitState(tasks, id, TaskState.SUCCEEDED);
            assertThat(done.task().attempt()).as("the second run counts as a fresh submit's first").isEqualTo(1);
        }
        awaitState(tasks, ids.get(2), TaskState.SUCCEEDED);
        assertThat(ProbeTasks.runs(ids.get(2))).as("without asking, the running task is the answer").isEqualTo(1);
        assertThat(db.fetchCount(TASK, TASK.RERUN_REQUESTED.isTrue())).isZero();
    }

    @Test
    void higher_priority_runs_first_among_due_tasks() {
        String queue = "priorities";
        tasks.pauseQueue(queue, "test");
        List<Long> ids = new ArrayList<>();
        for (int priority : new int[]{0, 5, -3, 10, 5}) {
            ids.add(tasks.submit(TaskRequest.of(PROBE, Probe.of("priority")).withQueue(queue).withPriority(priority)).id());
        }
        tasks.resumeQueue(queue, "test");
        ids.forEach(id -> awaitState(tasks, id, TaskState.SUCCEEDED));

        List<Long> order = ProbeTasks.log().stream().filter(r -> ids.contains(r.taskId()))
                .sorted(Comparator.comparingLong(ProbeTasks.Run::startNanos)).map(ProbeTasks.Run::taskId).toList();
        // the queue runs one at a time (concurrency 1): 10, then the two 5s in submit order, 0, -3
        assertThat(order).containsExactly(ids.get(3), ids.get(1), ids.get(4), ids.get(0), ids.get(2));
    }

    @Test
    void a_task_does_not_run_before_its_run_at() {
        Instant runAt = Instant.now().plusMillis(1200);
        long id = tasks.submit(TaskRequest.of(PROBE, Probe.of("on-time")).withRunAt(runAt)).id();
        assertThat(tasks.detail(id).orElseThrow().task().state()).isEqualTo(TaskState.SCHEDULED);

        awaitState(tasks, id, TaskState.SUCCEEDED);
        var run = ProbeTasks.log().stream().filter(r -> r.taskId() == id).findFirst().orElseThrow();
        TaskView task = tasks.detail(id).orElseThrow().task();
        assertThat(task.startedAt().toInstant()).isAfterOrEqualTo(runAt.minusMillis(5));
        // promptness itself is measured by the engine benchmark; here only "not long after", on a loaded machine
        assertThat(Duration.between(runAt, task.startedAt().toInstant())).isLessThan(Duration.ofSeconds(10));
        assertThat(run.attempt()).isEqualTo(1);
    }

    @Test
    void a_failed_task_can_be_retried_by_hand() {
        AtomicInteger calls = new AtomicInteger();
        ProbeTasks.behave("fails-once", (probe, context) -> calls.incrementAndGet() == 1
                ? Outcome.failedPermanently("not yet") : Outcome.completed());
        long id = tasks.submit(TaskRequest.of(PROBE, Probe.of("fails-once")).withMaxAttempts(1)).id();
        awaitState(tasks, id, TaskState.FAILED);
        assertThatThrownBy(() -> tasks.retry(tasks.submit(TaskRequest.of(PROBE, Probe.of("x"))
                .withDelay(Duration.ofHours(1))).id())).isInstanceOf(TaskProblem.class);

        tasks.retry(id);

        TaskDetail done = awaitState(tasks, id, TaskState.SUCCEEDED);
        assertThat(done.task().attempt()).isEqualTo(2);
        assertThat(done.task().maxAttempts()).isEqualTo(2);
    }

    /**
     * The completer ends a group's last task (its row changes), then locks the group's row and finishes the group
     * if none of its tasks is live; meanwhile a submit adds a task with that task's unique key to the group (a
     * campaign's paused posts resumed while the run that held them ends). Run here step by step with the
     * completer's own group statement: the submit must wait for the task's change without holding the group's row
     * (CI once had the two deadlock), and the group must not end up finished with the new task live.
     */
    @Test
    void a_submit_to_a_group_whose_last_task_is_ending_neither_deadlocks_nor_leaves_the_group_finished() throws Exception {
        var transactions = app.bean(org.springframework.transaction.support.TransactionTemplate.class);
        GroupStore groups = app.bean(GroupStore.class);
        for (boolean finishedAlready : new boolean[]{true, false}) {
            String group = "ending:" + System.nanoTime();
            String key = "held:" + System.nanoTime();
            TaskRequest<Probe> request = TaskRequest.of(PROBE, Probe.of("ending")).withUniqueKey(key).withGroup(group)
                    .withDelay(Duration.ofHours(1));
            long last = tasks.submit(request).id();
            if (finishedAlready) { // as a group is after an earlier race of this kind
                db.update(TASK_GROUP).set(TASK_GROUP.FINISHED_AT, Sql.NOW).where(TASK_GROUP.GROUP_KEY.eq(group)).execute();
            }
            CountDownLatch changed = new CountDownLatch(1);
            CompletableFuture<Void> completer = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
                db.update(TASK).set(TASK.STATE, TaskState.CANCELLED.dbValue()).set(TASK.FINISHED_AT, Sql.NOW)
                        .where(TASK.ID.eq(last)).execute();
                changed.countDown();
                eventually(Duration.ofSeconds(20), () -> {
                    db.execute("select pg_stat_clear_snapshot()"); // else a transaction sees its first look at them
                    assertThat(db.fetchCount(org.jooq.impl.DSL.table("pg_stat_activity"), org.jooq.impl.DSL.condition(
                            "datname = current_database() and wait_event_type = 'Lock' and query ilike ?",
                            "insert into \"task\"%"))).as("the submit waits for the ending task").isPositive();
                });
                groups.finishIfDone(List.of(group));
            }));
            assertThat(changed.await(20, TimeUnit.SECONDS)).isTrue();

            Submitted added = tasks.submit(request);

            completer.get(20, TimeUnit.SECONDS);
            assertThat(added.created()).isTrue();
            assertThat(tasks.detail(added.id()).orElseThrow().task().state()).isEqualTo(TaskState.SCHEDULED);
            assertThat(db.select(TASK_GROUP.FINISHED_AT).from(TASK_GROUP).where(TASK_GROUP.GROUP_KEY.eq(group))
                    .fetchSingle().value1()).as("group %s (finished before: %s) with a live task", group, finishedAlready)
                    .isNull();
            tasks.cancel(added.id());
        }
    }

    @Test
    void a_group_is_announced_finished_once_when_its_last_task_ends() {
        String group = "campaign-run:" + System.nanoTime();
        List<TaskRequest<Probe>> members = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            members.add(TaskRequest.of(PROBE, new Probe("group-member", "", i % 3 == 0 ? 30 : 0)).withGroup(group));
        }
        members.add(TaskRequest.of(PROBE, Probe.of("group-member")).withGroup(group).withDelay(Duration.ofHours(1)));
        List<Submitted> submitted = tasks.submitAll(members);
        submitted.subList(0, 19).forEach(s -> awaitState(tasks, s.id(), TaskState.SUCCEEDED));
        assertThat(ProbeTasks.finishedGroups()).noneMatch(g -> g.group().equals(group));

        tasks.cancel(submitted.getLast().id());

        eventually(() -> assertThat(ProbeTasks.finishedGroups()).anyMatch(g -> g.group().equals(group)));
        var announced = ProbeTasks.finishedGroups().stream().filter(g -> g.group().equals(group)).toList();
        assertThat(announced).hasSize(1);
        assertThat(announced.getFirst().counts()).containsEntry(TaskState.SUCCEEDED, 19L)
                .containsEntry(TaskState.CANCELLED, 1L);
    }

    @Test
    void finished_tasks_older_than_the_retention_are_pruned() {
        long old = tasks.submit(TaskRequest.of(PROBE, Probe.of("old"))).id();
        long recent = tasks.submit(TaskRequest.of(PROBE, Probe.of("recent"))).id();
        awaitState(tasks, old, TaskState.SUCCEEDED);
        awaitState(tasks, recent, TaskState.SUCCEEDED);
        db.update(TASK).set(TASK.FINISHED_AT, TASK.FINISHED_AT.minus(org.jooq.types.DayToSecond.valueOf(Duration.ofDays(8))))
                .where(TASK.ID.eq(old)).execute();

        app.bean(TaskHousekeeping.class).prune();

        assertThat(tasks.detail(old)).isEmpty();
        assertThat(tasks.detail(recent)).isPresent();
    }

    @Test
    void housekeeping_skips_its_run_while_another_instance_holds_the_lock() {
        long old = tasks.submit(TaskRequest.of(PROBE, Probe.of("old"))).id();
        awaitState(tasks, old, TaskState.SUCCEEDED);
        db.update(TASK).set(TASK.FINISHED_AT, TASK.FINISHED_AT.minus(org.jooq.types.DayToSecond.valueOf(Duration.ofDays(8))))
                .where(TASK.ID.eq(old)).execute();
        var lockUntil = Sql.fromNow(Duration.ofMinutes(1));
        db.insertInto(SHEDLOCK).set(SHEDLOCK.NAME, "tasks.prune").set(SHEDLOCK.LOCK_UNTIL, lockUntil)
                .set(SHEDLOCK.LOCKED_AT, Sql.NOW).set(SHEDLOCK.LOCKED_BY, "another-instance")
                .onConflict(SHEDLOCK.NAME).doUpdate().set(SHEDLOCK.LOCK_UNTIL, lockUntil)
                .set(SHEDLOCK.LOCKED_BY, "another-instance").execute();

        app.bean(TaskHousekeeping.class).prune();
        assertThat(tasks.detail(old)).as("the other instance holds the prune lock").isPresent();

        db.update(SHEDLOCK).set(SHEDLOCK.LOCK_UNTIL, Sql.ago(Duration.ofSeconds(1))).where(SHEDLOCK.NAME.eq("tasks.prune"))
                .execute();
        app.bean(TaskHousekeeping.class).prune();
        assertThat(tasks.detail(old)).isEmpty();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
