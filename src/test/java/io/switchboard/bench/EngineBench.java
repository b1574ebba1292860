package io.switchboard.bench;

import testsupport.SignedIn;
import io.switchboard.tasks.Submitted;
import io.switchboard.tasks.TaskRequest;
import io.switchboard.tasks.Tasks;
import io.switchboard.testing.AppInstance;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import testsupport.BenchTasks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static switchboard.jooq.Tables.TASK;
import static testsupport.BenchTasks.NOOP;

/**
 * {@code ./mvnw -Pbench -Dbench=engine verify}: burn-down of 50,000 no-op tasks with 1 and with 3 instances
 * (in this JVM, each a whole application with its own connection pool), on a PostgreSQL 17 with fsync off
 * (as the peers were measured) and with fsync on; then single submits 50 ms apart to an idle cluster.
 */
@Tag("bench")
class EngineBench {
    private static final int TASKS = 50_000;
    private static final String QUEUE = "bench";
    private static final String[] SETTINGS = {
            "switchboard.tasks.queues.bench=" + Integer.getInteger("bench.concurrency", 256),
            "switchboard.tasks.claim-batch=" + Integer.getInteger("bench.claim-batch", 250),
            "switchboard.tasks.completion-batch=1000",
            "spring.datasource.hikari.maximum-pool-size=12",
            "logging.level.io.switchboard=WARN"};

    @Test
    void engine() throws Exception {
        Bench.only("engine");
        // -Dbench.fsync=off and -Dbench.instances=1 narrow the run while tuning
        for (String fsync : System.getProperty("bench.fsync", "off,on").split(",")) {
            boolean durable = fsync.equals("on");
            try (EmbeddedPostgres postgres = Bench.postgres(durable)) {
                for (String instances : System.getProperty("bench.instances", "1,3").split(",")) {
                    burnDown(postgres, durable, Integer.parseInt(instances));
                }
                if (durable && System.getProperty("bench.instances") == null) {
                    idle(postgres);
                }
            }
        }
    }

    private void burnDown(EmbeddedPostgres postgres, boolean durable, int count) throws Exception {
        String url = Bench.database(postgres, "burn_down_" + count + (durable ? "_durable" : ""));
        List<AppInstance> apps = start(url, count);
        try {
            Tasks tasks = apps.getFirst().bean(Tasks.class);
            DSLContext db = apps.getFirst().bean(DSLContext.class);
            String fsync = String.valueOf(db.fetchValue("SHOW fsync"));
            String syncCommit = String.valueOf(db.fetchValue("SHOW synchronous_commit"));
            long handled = BenchTasks.handled();
            warmUp(tasks, db, handled);
            SignedIn.as("bench", "OPERATOR");
            tasks.pauseQueue(QUEUE, "bench");
            long insertStart = System.nanoTime();
            List<Long> ids = new ArrayList<>();
            for (int chunk = 0; chunk < TASKS / 10_000; chunk++) {
                ids.addAll(tasks.submitAll(IntStream.range(0, 10_000)
                                .mapToObj(i -> TaskRequest.of(NOOP, new BenchTasks.Noop(i)).withQueue(QUEUE)).toList())
                        .stream().map(Submitted::id).toList());
            }
            double insertSeconds = (System.nanoTime() - insertStart) / 1e9;
            long first = ids.getFirst();
            BenchTasks.expect(first, TASKS);
            db.execute("VACUUM ANALYZE " + TASK.getName());

            long start = System.nanoTime();
            tasks.resumeQueue(QUEUE, "bench");
            Bench.awaitRecorded(db, QUEUE, handled + 20_000 + TASKS, 20_000 + TASKS);
            double seconds = (System.nanoTime() - start) / 1e9;

            List<Long> startMillis = new ArrayList<>(TASKS);
            int duplicates = 0;
            int missing = 0;
            for (int i = 0; i < TASKS; i++) {
                int runs = BenchTasks.runs(i);
                duplicates += Math.max(0, runs - 1);
                missing += runs == 0 ? 1 : 0;
                startMillis.add((BenchTasks.startedNanos(i) - start) / 1_000_000);
            }
            long[] sorted = Bench.sorted(startMillis);
            Bench.print(String.format("engine instances=%d fsync=%s tasks=%d tasks_per_s=%.0f start_p50_ms=%d "
                            + "start_p95_ms=%d duplicates=%d missing=%d synchronous_commit=%s insert_per_s=%.0f "
                            + "instances_in=same-jvm", count, fsync, TASKS, TASKS / seconds,
                    Bench.percentile(sorted, 50), Bench.percentile(sorted, 95), duplicates, missing, syncCommit,
                    TASKS / insertSeconds));
        } finally {
            apps.forEach(AppInstance::close);
        }
    }

    /** Runs 20,000 tasks first, unmeasured, so the JIT has compiled the engine's paths before timing starts. */
    private static void warmUp(Tasks tasks, DSLContext db, long handled) throws InterruptedException {
        for (int round = 0; round < 2; round++) {
            tasks.submitAll(IntStream.range(0, 10_000)
                    .mapToObj(i -> TaskRequest.of(NOOP, new BenchTasks.Noop(i)).withQueue(QUEUE)).toList());
        }
        Bench.awaitRecorded(db, QUEUE, handled + 20_000, 20_000);
    }

    private void idle(EmbeddedPostgres postgres) throws Exception {
        String url = Bench.database(postgres, "idle");
        List<AppInstance> apps = start(url, 3);
        try {
            Tasks tasks = apps.getFirst().bean(Tasks.class);
            DSLContext db = apps.getFirst().bean(DSLContext.class);
            long warmUp = tasks.submit(TaskRequest.of(NOOP, new BenchTasks.Noop(0)).withQueue(QUEUE)).id();
            BenchTasks.expect(warmUp + 1, 200);
            Thread.sleep(1000);
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                long submitted = System.nanoTime();
                long id = tasks.submit(TaskRequest.of(NOOP, new BenchTasks.Noop(i)).withQueue(QUEUE)).id();
                Thread.sleep(50);
                long started = BenchTasks.startedNanos((int) (id - warmUp - 1));
                latencies.add(started == 0 ? -1 : (started - submitted) / 1_000_000);
            }
            Thread.sleep(2000);
            for (int i = 0; i < latencies.size(); i++) {
                if (latencies.get(i) < 0) {
                    throw new AssertionError("idle task " + i + " did not start within 50 ms");
                }
            }
            long[] sorted = Bench.sorted(latencies);
            Bench.print(String.format("engine-idle submits=200 start_p50_ms=%d start_p95_ms=%d instances=3 fsync=%s "
                            + "poll_interval_ms=1000", Bench.percentile(sorted, 50), Bench.percentile(sorted, 95),
                    String.valueOf(db.fetchValue("SHOW fsync"))));
        } finally {
            apps.forEach(AppInstance::close);
        }
    }

    private static List<AppInstance> start(String url, int count) {
        List<CompletableFuture<AppInstance>> starting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            starting.add(CompletableFuture.supplyAsync(() -> AppInstance.start(url, List.of(BenchTasks.class), SETTINGS)));
        }
        return starting.stream().map(CompletableFuture::join).toList();
    }
}
