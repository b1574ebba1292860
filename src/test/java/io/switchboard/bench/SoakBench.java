package io.switchboard.bench;

import io.switchboard.tasks.TaskRequest;
import io.switchboard.tasks.Tasks;
import io.switchboard.testing.AppInstance;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import testsupport.BenchTasks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import static switchboard.jooq.Tables.TASK;
import static testsupport.BenchTasks.NOOP;

/**
 * {@code ./mvnw -Pbench -Dbench=soak verify}: one instance runs 1,000 no-op tasks a second for 10 minutes (100 every
 * 100 ms) with a one-minute retention and pruning every 30 s, as a busy cluster keeps its hot table; at the end the
 * task table's size, live and dead rows, and how often autovacuum ran on it. The table must stay small: its live
 * rows are about what one retention period and one pruning interval hold, not everything ever run.
 */
@Tag("bench")
class SoakBench {
    private static final int PER_SECOND = Integer.getInteger("bench.soak.per-second", 1_000);
    private static final Duration LENGTH = Duration.ofMinutes(Integer.getInteger("bench.soak.minutes", 10));
    private static final String QUEUE = "bench";

    @Test
    void soak() throws Exception {
        Bench.only("soak");
        try (EmbeddedPostgres postgres = Bench.postgres(false)) {
            String url = Bench.database(postgres, "soak");
            AppInstance app = AppInstance.start(url, List.of(BenchTasks.class), "switchboard.tasks.queues.bench=64",
                    "switchboard.tasks.retention=1m", "switchboard.tasks.prune-interval=30s",
                    "logging.level.io.switchboard=WARN");
            try {
                Tasks tasks = app.bean(Tasks.class);
                DSLContext db = app.bean(DSLContext.class);
                int perTick = PER_SECOND / 10;
                long start = System.nanoTime();
                long ticks = LENGTH.toMillis() / 100;
                for (long tick = 0; tick < ticks; tick++) {
                    tasks.submitAll(IntStream.range(0, perTick)
                            .mapToObj(i -> TaskRequest.of(NOOP, new BenchTasks.Noop(i)).withQueue(QUEUE)).toList());
                    long next = start + (tick + 1) * 100_000_000L;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long submitted = ticks * perTick;
                while (db.fetchCount(TASK, TASK.STATE.in("queued", "running", "scheduled")) > 0) {
                    Thread.sleep(100);
                }
                db.execute("SELECT pg_stat_clear_snapshot()");
                Record stats = db.fetchSingle("SELECT pg_total_relation_size('task') AS bytes, n_live_tup, n_dead_tup, "
                        + "autovacuum_count, vacuum_count FROM pg_stat_user_tables WHERE relname = 'task'");
                Bench.print(String.format(Locale.ROOT, "soak tasks_per_s_submitted=%.0f minutes=%d submitted=%d "
                                + "rows_now=%d table_mb=%.1f live_tuples=%d dead_tuples=%d autovacuums=%d retention=1m "
                                + "prune_interval=30s fsync=%s", submitted / seconds, LENGTH.toMinutes(), submitted,
                        db.fetchCount(TASK), stats.get("bytes", Long.class) / 1048576.0,
                        stats.get("n_live_tup", Long.class), stats.get("n_dead_tup", Long.class),
                        stats.get("autovacuum_count", Long.class), db.fetchValue("SHOW fsync")));
            } finally {
                app.close();
            }
        }
    }
}
