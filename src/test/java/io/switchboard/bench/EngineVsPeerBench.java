package io.switchboard.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.tasks.Submitted;
import io.switchboard.tasks.TaskRequest;
import io.switchboard.tasks.Tasks;
import io.switchboard.testing.AppInstance;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import testsupport.BenchTasks;
import testsupport.SignedIn;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static switchboard.jooq.Tables.TASK;
import static testsupport.BenchTasks.NOOP;

/**
 * {@code ./mvnw -Pbench -Dbench=engine-vs-peer verify}: db-scheduler (lock-and-fetch with SKIP LOCKED, a 100 ms
 * poll, the best of a few thread counts) and then our engine with one instance burn down the same 50,000 no-op jobs
 * on the same embedded PostgreSQL, one after the other in this JVM, each after the same unmeasured warm-ups (20,000
 * jobs, then the timed batch once, see {@link #ROUNDS}); then where our
 * engine's time went (claim statements, the handlers, outcome transactions, pg_notify calls) and the idle
 * submit-to-start latency. fsync off by default, {@code -Dbench.fsync=on} (or "off,on") for a durable database.
 */
@Tag("bench")
class EngineVsPeerBench {
    private static final int TASKS = Integer.getInteger("bench.tasks", 50_000);
    private static final String QUEUE = "bench";
    private static final int POOL = 12;
    /**
     * Each engine burns down the timed batch twice in a row, the same way, and is judged by the second: the first
     * round is its warm-up for the second (same count, same shape), so both figures measure a warm JIT. The first
     * round's figures are printed too ({@code bench engine-vs-peer-round1}), as the benchmark measured before.
     */
    private static final int ROUNDS = 2;
    private static final String[] SETTINGS = {
            "switchboard.tasks.queues.bench=" + Integer.getInteger("bench.concurrency", 256),
            "switchboard.tasks.claim-batch=" + Integer.getInteger("bench.claim-batch", 250),
            "switchboard.tasks.completion-batch=1000",
            "spring.datasource.hikari.maximum-pool-size=" + POOL,
            "logging.level.io.switchboard=WARN"};

    @Test
    void engineVsPeer() throws Exception {
        Bench.only("engine-vs-peer");
        for (String fsync : System.getProperty("bench.fsync", "off").split(",")) {
            try (EmbeddedPostgres postgres = Bench.postgres(fsync.equals("on"))) {
                Peer best = null;
                for (String threads : System.getProperty("bench.peer.threads", "16,64,256").split(",")) {
                    Peer peer = peer(postgres, Integer.parseInt(threads));
                    System.out.printf(Locale.ROOT, "db-scheduler threads=%d round1_per_s=%.0f per_s=%.0f "
                                    + "duplicates=%d%n", peer.threads(), peer.round1PerSecond(), peer.perSecond(),
                            peer.duplicates());
                    if (best == null || peer.perSecond() > best.perSecond()) {
                        best = peer;
                    }
                }
                ours(postgres, fsync, best);
            }
        }
    }

    /** {@code round1PerSecond}: the first timed round, after the 20,000-job warm-up only (a colder JIT). */
    record Peer(int threads, double round1PerSecond, double perSecond, int duplicates) {
    }

    private static Peer peer(EmbeddedPostgres postgres, int threads) throws Exception {
        String url = Bench.database(postgres, "peer_" + threads);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setPassword("postgres");
        config.setMaximumPoolSize(POOL);
        try (HikariDataSource data = new HikariDataSource(config)) {
            try (Connection c = data.getConnection(); Statement s = c.createStatement()) {
                s.execute("""
                        CREATE TABLE scheduled_tasks (task_name text NOT NULL, task_instance text NOT NULL,
                          task_data bytea, execution_time timestamptz NOT NULL, picked boolean NOT NULL,
                          picked_by text, last_success timestamptz, last_failure timestamptz,
                          consecutive_failures int, last_heartbeat timestamptz, version bigint NOT NULL,
                          priority smallint, PRIMARY KEY (task_name, task_instance));
                        CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
                        CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
                        CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time)""");
            }
            AtomicIntegerArray runs = new AtomicIntegerArray(2 * TASKS + 20_000);
            AtomicLong done = new AtomicLong();
            OneTimeTask<Void> noop = com.github.kagkarlsson.scheduler.task.helper.Tasks.oneTime("noop")
                    .execute((instance, context) -> {
                        runs.incrementAndGet(Integer.parseInt(instance.getId()));
                        done.incrementAndGet();
                    });
            Scheduler scheduler = Scheduler.create(data, noop).threads(threads)
                    .pollingInterval(Duration.ofMillis(100)).pollUsingLockAndFetch(0.5, 1.0)
                    .registerShutdownHook().build();
            scheduler.start();
            try {
                // warm-up: 20,000 jobs unmeasured, as ours gets
                insert(data, 2 * TASKS, 20_000);
                awaitEmpty(data, done, 20_000);
                double[] perSecond = new double[ROUNDS];
                for (int round = 0; round < ROUNDS; round++) {
                    insert(data, round * TASKS, TASKS);
                    long start = System.nanoTime();
                    awaitEmpty(data, done, 20_000 + (round + 1L) * TASKS);
                    perSecond[round] = TASKS / ((System.nanoTime() - start) / 1e9);
                }
                int duplicates = 0;
                for (int i = 0; i < 2 * TASKS; i++) {
                    duplicates += Math.max(0, runs.get(i) - 1);
                }
                return new Peer(threads, perSecond[0], perSecond[ROUNDS - 1], duplicates);
            } finally {
                scheduler.stop();
            }
        }
    }

    /** Jobs due now, written in batches as a burst of submits would leave them (db-scheduler's own columns). */
    private static void insert(HikariDataSource data, int from, int count) throws SQLException {
        try (Connection c = data.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority) "
                        + "VALUES ('noop', ?, ?, false, 1, 0)")) {
            Timestamp now = Timestamp.from(Instant.now().minusSeconds(1));
            for (int i = from; i < from + count; i++) {
                insert.setString(1, String.valueOf(i));
                insert.setTimestamp(2, now);
                insert.addBatch();
                if ((i - from) % 5_000 == 4_999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /** Until every job ran and its row is gone (db-scheduler deletes a one-time job once it completed). */
    private static void awaitEmpty(HikariDataSource data, AtomicLong done, long expected) throws Exception {
        while (true) {
            if (done.get() >= expected) {
                try (Connection c = data.getConnection(); Statement s = c.createStatement();
                     var rows = s.executeQuery("SELECT count(*) FROM scheduled_tasks")) {
                    rows.next();
                    if (rows.getLong(1) == 0) {
                        return;
                    }
                }
            }
            Thread.sleep(5);
        }
    }

    private static void ours(EmbeddedPostgres postgres, String fsync, Peer peer) throws Exception {
        String url = Bench.database(postgres, "ours");
        AppInstance app = AppInstance.start(url, List.of(BenchTasks.class), SETTINGS);
        try {
            Tasks tasks = app.bean(Tasks.class);
            DSLContext db = app.bean(DSLContext.class);
            long handled = BenchTasks.handled();
            for (int round = 0; round < 2; round++) {
                tasks.submitAll(IntStream.range(0, 10_000)
                        .mapToObj(i -> TaskRequest.of(NOOP, new BenchTasks.Noop(i)).withQueue(QUEUE)).toList());
            }
            Bench.awaitRecorded(db, QUEUE, handled + 20_000, 20_000);
            SignedIn.as("bench", "OPERATOR");
            for (int round = 1; round <= ROUNDS; round++) {
                boolean last = round == ROUNDS;
                oursRound(app, tasks, db, handled + 20_000 + (long) round * TASKS, 20_000 + round * TASKS,
                        last ? "engine-vs-peer" : "engine-vs-peer-round" + round,
                        last ? peer.perSecond() : peer.round1PerSecond(), peer, last);
            }
        } finally {
            SignedIn.out();
            app.close();
        }
    }

    /** One timed burn-down of {@code TASKS} jobs submitted to the paused queue; prints its line. */
    private static void oursRound(AppInstance app, Tasks tasks, DSLContext db, long handled, int succeeded,
                                    String name, double peerPerSecond, Peer peer, boolean last) throws Exception {
        tasks.pauseQueue(QUEUE, "bench");
        List<Long> ids = new ArrayList<>();
        for (int chunk = 0; chunk < TASKS; chunk += 10_000) {
            ids.addAll(tasks.submitAll(IntStream.range(0, Math.min(10_000, TASKS - chunk))
                            .mapToObj(i -> TaskRequest.of(NOOP, new BenchTasks.Noop(i)).withQueue(QUEUE)).toList())
                    .stream().map(Submitted::id).toList());
        }
        BenchTasks.expect(ids.getFirst(), TASKS);
        db.execute("VACUUM ANALYZE " + TASK.getName());
        MeterRegistry meters = app.bean(MeterRegistry.class);
        Phases before = Phases.of(meters);
        Cpu cpuBefore = Cpu.now();
        Bench.statementsReset(db);
        long start = System.nanoTime();
        tasks.resumeQueue(QUEUE, "bench");
        Bench.awaitRecorded(db, QUEUE, handled, succeeded);
        double seconds = (System.nanoTime() - start) / 1e9;
        Phases spent = Phases.of(meters).minus(before);
        Cpu cpu = Cpu.now().minus(cpuBefore);
        if (last) {
            Bench.statements(db, 12);
        }
        int duplicates = 0;
        int missing = 0;
        for (int i = 0; i < TASKS; i++) {
            duplicates += Math.max(0, BenchTasks.runs(i) - 1);
            missing += BenchTasks.runs(i) == 0 ? 1 : 0;
        }
        double ours = TASKS / seconds;
        Idle idle = last ? idle(tasks) : new Idle(new long[] {0}, new long[] {0}, new long[] {0});
        Bench.print(String.format(Locale.ROOT, "%s tasks=%d ours_per_s=%.0f dbscheduler_per_s=%.0f "
                        + "ratio=%.2f duplicates=%d missing=%d dbscheduler_duplicates=%d dbscheduler_threads=%d "
                        + "instances=1 fsync=%s wall_s=%.2f claim_s=%.2f execution_s=%.2f completion_s=%.2f "
                        + "notification_s=%.2f claims=%d completions=%d idle_start_p50_ms=%d idle_start_p95_ms=%d "
                        + "idle_submit_p50_us=%d idle_submit_p95_us=%d idle_wake_p50_us=%d idle_wake_p95_us=%d "
                        + "jvm_cpu_s=%.2f claim_cpu_s=%.2f completion_cpu_s=%.2f",
                name, TASKS, ours, peerPerSecond, ours / peerPerSecond, duplicates, missing, peer.duplicates(),
                peer.threads(), db.fetchValue("SHOW fsync"), seconds, spent.claim(), spent.execution(),
                spent.completion(), spent.notification(), spent.claims(), spent.completions(),
                Bench.percentile(idle.total(), 50), Bench.percentile(idle.total(), 95),
                Bench.percentile(idle.submit(), 50), Bench.percentile(idle.submit(), 95),
                Bench.percentile(idle.wake(), 50), Bench.percentile(idle.wake(), 95),
                cpu.jvm(), cpu.claim(), cpu.completion()));
    }

    /**
     * Single submits to the idle instance, each 50 ms after the last started: milliseconds from submit to start
     * ({@code total}), and its two parts in microseconds: the submit's own transaction until it returned
     * ({@code submit}: insert, notification, commit) and from then to the handler's start ({@code wake}: the
     * notification's delivery, the listener, the claim, the dispatch).
     */
    record Idle(long[] total, long[] submit, long[] wake) {
    }

    private static Idle idle(Tasks tasks) throws InterruptedException {
        long first = tasks.submit(TaskRequest.of(NOOP, new BenchTasks.Noop(0)).withQueue(QUEUE)).id();
        BenchTasks.expect(first + 1, 200);
        Thread.sleep(1000);
        List<Long> latencies = new ArrayList<>();
        List<Long> submits = new ArrayList<>();
        List<Long> wakes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long submitted = System.nanoTime();
            long id = tasks.submit(TaskRequest.of(NOOP, new BenchTasks.Noop(i)).withQueue(QUEUE)).id();
            long returned = System.nanoTime();
            long started;
            while ((started = BenchTasks.startedNanos((int) (id - first - 1))) == 0) {
                if (System.nanoTime() - submitted > Duration.ofSeconds(5).toNanos()) {
                    throw new AssertionError("idle task " + i + " did not start within 5 s");
                }
                Thread.sleep(1);
            }
            latencies.add((started - submitted) / 1_000_000);
            submits.add((returned - submitted) / 1_000);
            wakes.add(Math.max(0, started - returned) / 1_000);
            Thread.sleep(50);
        }
        return new Idle(Bench.sorted(latencies), Bench.sorted(submits), Bench.sorted(wakes));
    }

    /**
     * CPU seconds (not wall time, so less at the mercy of what else runs on the machine): this whole JVM, the bench
     * queue's claiming thread and the completer thread.
     */
    record Cpu(double jvm, double claim, double completion) {
        static Cpu now() {
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            double claim = 0;
            double completion = 0;
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().equals("task-queue-" + QUEUE)) {
                    claim += threads.getThreadCpuTime(thread.threadId()) / 1e9;
                } else if (thread.getName().equals("task-completer")) {
                    completion += threads.getThreadCpuTime(thread.threadId()) / 1e9;
                }
            }
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            return new Cpu(os.getProcessCpuTime() / 1e9, claim, completion);
        }

        Cpu minus(Cpu before) {
            return new Cpu(jvm - before.jvm, claim - before.claim, completion - before.completion);
        }
    }

    /** Seconds the engine spent per phase, summed over its threads (so they can add up to more than the wall). */
    record Phases(double claim, double execution, double completion, double notification, long claims,
                  long completions) {
        static Phases of(MeterRegistry meters) {
            return new Phases(seconds(meters, "switchboard.tasks.engine", "phase", "claim"),
                    seconds(meters, "switchboard.tasks.execution", "kind", NOOP.name()),
                    seconds(meters, "switchboard.tasks.engine", "phase", "completion"),
                    seconds(meters, "switchboard.tasks.engine", "phase", "notification"),
                    count(meters, "claim"), count(meters, "completion"));
        }

        Phases minus(Phases before) {
            return new Phases(claim - before.claim, execution - before.execution, completion - before.completion,
                    notification - before.notification, claims - before.claims, completions - before.completions);
        }

        private static double seconds(MeterRegistry meters, String name, String tag, String value) {
            Timer timer = meters.find(name).tag(tag, value).timer();
            return timer == null ? 0 : timer.totalTime(TimeUnit.NANOSECONDS) / 1e9;
        }

        private static long count(MeterRegistry meters, String phase) {
            Timer timer = meters.find("switchboard.tasks.engine").tag("phase", phase).timer();
            return timer == null ? 0 : timer.count();
        }
    }
}
