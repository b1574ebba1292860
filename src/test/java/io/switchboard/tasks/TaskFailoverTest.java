package io.switchboard.tasks;

import io.switchboard.infrastructure.InstanceIdentity;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import testsupport.ChildInstance;
import testsupport.ProbeTasks;
import testsupport.ProbeTasks.Probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.TASK;
import static testsupport.ProbeTasks.PROBE;
import static testsupport.TaskWaits.awaitState;
import static testsupport.TaskWaits.eventually;

/** What happens to tasks when the instance running them dies, is cut off, or stops. */
class TaskFailoverTest {

    @BeforeAll
    static void forget() {
        ProbeTasks.reset();
    }

    @Test
    void tasks_of_an_instance_killed_with_sigkill_finish_elsewhere_once_its_leases_expire(@TempDir Path dir)
            throws Exception {
        String url = TestPostgres.freshDatabase();
        Path output = dir.resolve("child.log");
        Process child = ChildInstance.start(url, output, FastEngine.with("switchboard.tasks.queues.default=8",
                "switchboard.tasks.lease-duration=3s"));
        try (AppInstance submitter = AppInstance.start(url, List.of(ProbeTasks.class),
                FastEngine.with("switchboard.tasks.workers=false"))) {
            eventually(Duration.ofSeconds(90), () -> assertThat(read(output)).contains("READY"));
            Tasks tasks = submitter.bean(Tasks.class);
            List<Long> ids = tasks.submitAll(Stream.generate(() -> TaskRequest.of(PROBE,
                    new Probe("failover", "", 400))).limit(60).toList()).stream().map(Submitted::id).toList();
            eventually(Duration.ofSeconds(30), () -> {
                assertThat(lines(output, "PROBE end")).hasSizeGreaterThanOrEqualTo(16);
                assertThat(lines(output, "PROBE start")).hasSizeGreaterThan(lines(output, "PROBE end").size());
            });

            child.destroyForcibly().waitFor();
            long killedAt = System.nanoTime();
            Map<Long, Integer> startedInChild = new HashMap<>();
            lines(output, "PROBE start").forEach(l -> startedInChild.put(Long.parseLong(l.split(" ")[2]), 1));
            Set<Long> unfinishedInChild = new TreeSet<>(startedInChild.keySet());
            lines(output, "PROBE end").forEach(l -> unfinishedInChild.remove(Long.parseLong(l.split(" ")[2])));
            assertThat(unfinishedInChild).as("the kill interrupted some runs").isNotEmpty();

            try (AppInstance survivor = AppInstance.start(url, List.of(ProbeTasks.class), FastEngine.PROPERTIES)) {
                ids.forEach(id -> awaitState(tasks, id, TaskState.SUCCEEDED, Duration.ofSeconds(60)));

                DSLContext db = survivor.bean(DSLContext.class);
                assertThat(db.fetchCount(TASK, TASK.STATE.eq("succeeded"))).isEqualTo(60);
                for (long id : unfinishedInChild) {
                    TaskDetail detail = tasks.detail(id).orElseThrow();
                    assertThat(detail.task().attempt()).as("task %d ran again as attempt 2", id).isEqualTo(2);
                    assertThat(detail.failures()).singleElement()
                            .satisfies(f -> assertThat(f.error()).contains("Lease expired during attempt 1"));
                }
                String here = survivor.bean(InstanceIdentity.class).shortId();
                var runsHere = ProbeTasks.log().stream().filter(run -> run.instance().equals(here)).toList();
                assertThat(runsHere).as("nothing ran here while the child was alive")
                        .allSatisfy(run -> assertThat(run.startNanos()).isGreaterThan(killedAt));
                var ranHere = runsHere.stream().map(ProbeTasks.Run::taskId).toList();
                assertThat(ranHere).containsAll(unfinishedInChild);
                assertThat(ranHere).doesNotHaveDuplicates();
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void a_run_that_lost_its_lease_cannot_record_its_outcome() {
        String url = TestPostgres.freshDatabase();
        AtomicInteger runs = new AtomicInteger();
        ProbeTasks.behave("cut-off", (probe, context) -> {
            if (runs.incrementAndGet() == 1) {
                TaskEngineTest.sleep(3000);
                return Outcome.failedPermanently("the first run, which lost its lease, must not decide");
            }
            return Outcome.completed();
        });
        // A never heartbeats in time: its lease (1 s) runs out while the first run sleeps
        try (AppInstance cutOff = AppInstance.start(url, List.of(ProbeTasks.class), FastEngine.with(
                "switchboard.tasks.lease-duration=1s", "switchboard.tasks.heartbeat-interval=1h",
                "switchboard.tasks.queues.default=1"))) {
            Tasks tasks = cutOff.bean(Tasks.class);
            long id = tasks.submit(TaskRequest.of(PROBE, Probe.of("cut-off"))).id();
            awaitState(tasks, id, TaskState.RUNNING);
            try (AppInstance other = AppInstance.start(url, List.of(ProbeTasks.class), FastEngine.PROPERTIES)) {
                TaskDetail done = awaitState(tasks, id, TaskState.SUCCEEDED, Duration.ofSeconds(30));
                assertThat(done.task().attempt()).isEqualTo(2);
                eventually(() -> assertThat(runs.get()).isEqualTo(2));
                TaskEngineTest.sleep(3500);
                TaskDetail after = tasks.detail(id).orElseThrow();
                assertThat(after.task().state()).isEqualTo(TaskState.SUCCEEDED);
                assertThat(after.task().lastError()).contains("Lease expired during attempt 1");
                assertThat(after.failures()).hasSize(1);
            }
        }
    }

    @Test
    void a_stopping_instance_hands_unfinished_tasks_back_without_using_an_attempt() {
        String url = TestPostgres.freshDatabase();
        ProbeTasks.behave("slow-until-stopped", (probe, context) -> {
            while (context.leaseHeld() && !Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return Outcome.failed("interrupted");
                }
            }
            return Outcome.failed("stopped");
        });
        AppInstance stopping = AppInstance.start(url, List.of(ProbeTasks.class), FastEngine.with(
                "switchboard.tasks.shutdown-grace=300ms"));
        Tasks tasks = stopping.bean(Tasks.class);
        List<Long> ids = tasks.submitAll(Stream.generate(() -> TaskRequest.of(PROBE, Probe.of("slow-until-stopped"))
                .withMaxAttempts(1)).limit(3).toList()).stream().map(Submitted::id).toList();
        ids.forEach(id -> awaitState(tasks, id, TaskState.RUNNING));

        stopping.close();

        ProbeTasks.behave("slow-until-stopped", (probe, context) -> Outcome.completed());
        try (AppInstance next = AppInstance.start(url, List.of(ProbeTasks.class), FastEngine.PROPERTIES)) {
            Tasks nextTasks = next.bean(Tasks.class);
            for (long id : ids) {
                TaskDetail done = awaitState(nextTasks, id, TaskState.SUCCEEDED);
                assertThat(done.task().attempt()).as("the handed-back run did not count").isEqualTo(1);
                assertThat(done.failures()).isEmpty();
            }
        }
    }

    @Test
    void without_notifications_polling_still_runs_new_work() {
        String url = TestPostgres.freshDatabase();
        try (AppInstance polling = AppInstance.start(url, List.of(ProbeTasks.class), FastEngine.with(
                "switchboard.tasks.listen=false", "switchboard.tasks.poll-interval=500ms"))) {
            Tasks tasks = polling.bean(Tasks.class);
            long id = tasks.submit(TaskRequest.of(PROBE, Probe.of("polled"))).id();
            awaitState(tasks, id, TaskState.SUCCEEDED, Duration.ofSeconds(5));
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> lines(Path file, String prefix) {
        return read(file).lines().filter(l -> l.startsWith(prefix)).toList();
    }
}
