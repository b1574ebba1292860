package io.switchboard.tasks;

import io.switchboard.infrastructure.InstanceIdentity;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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
@ExtendWith(OutputCaptureExtension.class)
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
            ChildInstance.awaitReady(child, output);
            Tasks tasks = submitter.bean(Tasks.class);
            List<Long> ids = tasks.submitAll(Stream.generate(() -> TaskRequest.of(PROBE,
                    new Probe("failover", "", 400))).limit(60).toList()).stream().map(Submitted::id).toList();
            eventually(Duration.ofSeconds(30), () -> {
                assertThat(lines(output, "PROBE end")).hasSizeGreaterThanOrEqualTo(16);
                assertThat(lines(output, "PROBE start")).hasSizeGreaterThan(lines(output, "PROBE end").size());
            });

            child.destroyForcibly().waitFor();
            Map<Long, Integer> startsInChild = perTask(lines(output, "PROBE start"));
            Map<Long, Integer> endsInChild = perTask(lines(output, "PROBE end"));
            Set<Long> unfinishedInChild = new TreeSet<>(startsInChild.keySet());
            unfinishedInChild.removeAll(endsInChild.keySet());
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
                // every run anywhere: the child's (its probe lines) and the survivor's; the submitter runs nothing
                String here = survivor.bean(InstanceIdentity.class).shortId();
                Map<Long, Integer> runsInSurvivor = perTask(ProbeTasks.log().stream()
                        .filter(run -> run.instance().equals(here))
                        .map(run -> "PROBE end " + run.taskId() + " " + run.attempt()).toList());
                int endedTwice = 0;
                for (long id : ids) {
                    int starts = startsInChild.getOrDefault(id, 0);
                    int again = runsInSurvivor.getOrDefault(id, 0);
                    assertThat(starts).as("task %d started at most once in the child", id).isLessThanOrEqualTo(1);
                    assertThat(again).as("task %d ran at most once in the survivor", id).isLessThanOrEqualTo(1);
                    assertThat(endsInChild.getOrDefault(id, 0) + again).as("task %d ran to the end", id)
                            .isGreaterThanOrEqualTo(1);
                    if (unfinishedInChild.contains(id) || !endsInChild.containsKey(id)) {
                        // interrupted by the kill, or claimed by the child but not started: it runs again
                        assertThat(again).as("task %d, not finished in the child, ran in the survivor", id).isEqualTo(1);
                    }
                    if (again == 1 && starts == 1) {
                        assertThat(tasks.detail(id).orElseThrow().task().attempt())
                                .as("task %d, started in the child, ran again as attempt 2", id).isEqualTo(2);
                    }
                    if (again == 1 && endsInChild.containsKey(id)) {
                        endedTwice++; // its run ended in the child, but the kill came before its outcome was written
                    }
                }
                // outcomes are written in batches: at most the runs in flight (8) can lose theirs to the kill
                assertThat(endedTwice).as("runs whose end the kill kept from the database").isLessThanOrEqualTo(8);
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void a_run_that_lost_its_lease_cannot_record_its_outcome(CapturedOutput output) {
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
                eventually(() -> assertThat(output.getAll()).containsPattern(
                        "Task " + id + " \\(test.probe\\): the outcome of attempt 1 was discarded because its lease was lost"));
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
    void sigterm_lets_runs_finish_within_the_grace_and_hands_the_rest_back_without_using_an_attempt(@TempDir Path dir)
            throws Exception {
        String url = TestPostgres.freshDatabase();
        Path output = dir.resolve("child.log");
        // a lease far longer than a loaded machine's heartbeat delays: the endless runs keep it until the hand-back
        Process child = ChildInstance.start(url, output, FastEngine.with("switchboard.tasks.shutdown-grace=10s",
                "switchboard.tasks.queues.default=8", "switchboard.tasks.lease-duration=20s",
                "switchboard.tasks.heartbeat-interval=1s"));
        try (AppInstance submitter = AppInstance.start(url, List.of(ProbeTasks.class),
                FastEngine.with("switchboard.tasks.workers=false"))) {
            ChildInstance.awaitReady(child, output);
            Tasks tasks = submitter.bean(Tasks.class);
            List<Long> quick = tasks.submitAll(Stream.generate(() -> TaskRequest.of(PROBE,
                    new Probe("sigterm-quick", "", 4000))).limit(4).toList()).stream().map(Submitted::id).toList();
            List<Long> endless = tasks.submitAll(Stream.generate(() -> TaskRequest.of(PROBE,
                    Probe.of(ProbeTasks.UNTIL_STOPPED))).limit(4).toList()).stream().map(Submitted::id).toList();
            eventually(Duration.ofSeconds(30), () -> {
                assertThat(perTask(lines(output, "PROBE start")).keySet()).containsAll(quick).containsAll(endless);
                assertThat(lines(output, "PROBE end")).as("all still running when the signal comes").isEmpty();
            });

            child.destroy(); // SIGTERM, as a container runtime or systemd stops an instance
            List<Long> late = tasks.submitAll(Stream.generate(() -> TaskRequest.of(PROBE, Probe.of("after-sigterm")))
                    .limit(3).toList()).stream().map(Submitted::id).toList();
            assertThat(child.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).as("the instance stopped by itself")
                    .isTrue();

            assertThat(perTask(lines(output, "PROBE end")).keySet()).as("runs that finish within the grace finish")
                    .containsExactlyInAnyOrderElementsOf(quick);
            for (long id : quick) {
                TaskDetail detail = tasks.detail(id).orElseThrow();
                assertThat(detail.task().state()).isEqualTo(TaskState.SUCCEEDED);
                assertThat(detail.task().attempt()).isEqualTo(1);
            }
            assertThat(read(output)).contains("handed 4 unfinished task(s) back to their queues without using an attempt");
            for (long id : endless) {
                TaskDetail detail = tasks.detail(id).orElseThrow();
                assertThat(detail.task().state()).as("task %d handed back", id).isEqualTo(TaskState.QUEUED);
                assertThat(detail.failures()).isEmpty();
            }
            assertThat(perTask(lines(output, "PROBE start")).keySet()).as("nothing claimed after the signal")
                    .doesNotContainAnyElementsOf(late);

            ProbeTasks.behave(ProbeTasks.UNTIL_STOPPED, (probe, context) -> Outcome.completed());
            try (AppInstance next = AppInstance.start(url, List.of(ProbeTasks.class), FastEngine.PROPERTIES)) {
                for (long id : endless) {
                    TaskDetail done = awaitState(tasks, id, TaskState.SUCCEEDED);
                    assertThat(done.task().attempt()).as("the handed-back run did not count").isEqualTo(1);
                    assertThat(done.failures()).isEmpty();
                }
                late.forEach(id -> awaitState(tasks, id, TaskState.SUCCEEDED));
            }
        } finally {
            ProbeTasks.behave(ProbeTasks.UNTIL_STOPPED, ProbeTasks.RUN_UNTIL_STOPPED);
            child.destroyForcibly();
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

    @Test
    void a_submit_wakes_its_own_instance_on_commit_without_its_notification() throws InterruptedException {
        String url = TestPostgres.freshDatabase();
        try (AppInstance deaf = AppInstance.start(url, List.of(ProbeTasks.class), FastEngine.with(
                "switchboard.tasks.listen=false", "switchboard.tasks.poll-interval=60s"))) {
            Tasks tasks = deaf.bean(Tasks.class);
            Thread.sleep(1000); // its workers have looked once at start and sleep until the next poll
            long id = tasks.submit(TaskRequest.of(PROBE, Probe.of("woken here"))).id();
            awaitState(tasks, id, TaskState.SUCCEEDED, Duration.ofSeconds(10));
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Counts per task id in probe lines ("PROBE start|end <task> <attempt>"). */
    private static Map<Long, Integer> perTask(List<String> probeLines) {
        Map<Long, Integer> counts = new HashMap<>();
        probeLines.forEach(l -> counts.merge(Long.parseLong(l.split(" ")[2]), 1, Integer::sum));
        return counts;
    }

    private static List<String> lines(Path file, String prefix) {
        return read(file).lines().filter(l -> l.startsWith(prefix)).toList();
    }
}
