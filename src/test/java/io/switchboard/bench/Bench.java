package io.switchboard.bench;

import com.microsoft.playwright.Page;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What benchmarks share: selecting one by name, their own PostgreSQL, percentiles, the output lines. */
final class Bench {
    private Bench() {
    }

    /** Every benchmark there is, by the name {@code -Dbench=<name>} selects it with. */
    static final List<String> NAMES = List.of("engine", "media", "campaign", "dashboard", "pages", "insights", "burst", "soak",
            "engine-vs-peer", "mixed", "campaign-size", "floor");

    /**
     * Runs only the benchmark named by {@code -Dbench=<name>}; a name that is no benchmark fails every one of
     * them (so the build), instead of running nothing and passing.
     */
    static void only(String name) {
        String selected = System.getProperty("bench", "");
        if (!NAMES.contains(selected)) {
            throw new AssertionError("-Dbench=" + selected + " names no benchmark: use one of " + NAMES
                    + ", e.g. ./mvnw -Pbench -Dbench=engine verify");
        }
        assumeTrue(name.equals(selected), "benchmark " + name + " not selected");
    }

    /** A PostgreSQL 17 of the benchmark's own, durable (fsync and synchronous commit on) or not. */
    static EmbeddedPostgres postgres(boolean durable) {
        String setting = durable ? "on" : "off";
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            String slowMillis = System.getProperty("bench.sql-log-ms");
            if (slowMillis != null) {
                // every statement slower than this, with its plan (EXPLAIN ANALYZE, BUFFERS), into bench.sql-log-dir
                builder.setServerConfig("logging_collector", "on")
                        .setServerConfig("log_directory", System.getProperty("bench.sql-log-dir", "/tmp/bench-sql-log"))
                        .setServerConfig("log_min_duration_statement", slowMillis)
                        .setServerConfig("session_preload_libraries", "auto_explain")
                        .setServerConfig("auto_explain.log_min_duration", slowMillis)
                        .setServerConfig("auto_explain.log_analyze", "on")
                        .setServerConfig("auto_explain.log_buffers", "on");
            }
            if (Boolean.getBoolean("bench.statements")) {
                // time per statement inside PostgreSQL, printed by the benchmarks that call statements(...)
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            return builder
                    .setServerConfig("fsync", setting)
                    .setServerConfig("synchronous_commit", setting)
                    .setServerConfig("full_page_writes", setting)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "256MB")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String database(EmbeddedPostgres postgres, String name) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return postgres.getJdbcUrl("postgres", name);
    }

    /**
     * Waits until the no-op handler's count of runs in this JVM ({@link testsupport.BenchTasks#handled}) reaches
     * {@code handled} and no task of {@code queue} is left
     * queued, scheduled or running (their outcomes are committed), then checks that {@code succeeded} of the queue
     * succeeded. Like the peer's wait (an in-memory count, then its table empty), it reads the in-memory count while
     * the engine works and then only the live tasks' partial indexes: counting every finished row of the queue every
     * few milliseconds took tens of milliseconds a count and half a core from the engine it measured.
     */
    static void awaitRecorded(org.jooq.DSLContext db, String queue, long handled, int succeeded)
            throws InterruptedException {
        while (testsupport.BenchTasks.handled() < handled) {
            Thread.sleep(2);
        }
        var task = switchboard.jooq.Tables.TASK;
        // one look per live state: each state has a partial index of its own
        while (java.util.stream.Stream.of("queued", "scheduled", "running")
                .anyMatch(state -> db.fetchExists(task, task.QUEUE.eq(queue).and(task.STATE.eq(state))))) {
            Thread.sleep(2);
        }
        int recorded = db.fetchCount(task, task.QUEUE.eq(queue).and(task.STATE.eq("succeeded")));
        if (recorded != succeeded) {
            throw new AssertionError(recorded + " tasks of queue " + queue + " succeeded, expected " + succeeded);
        }
    }

    /**
     * With {@code -Dbench.statements=true}: forgets what PostgreSQL's pg_stat_statements counted so far (call it
     * right before the timed part); otherwise does nothing.
     */
    static void statementsReset(org.jooq.DSLContext db) {
        if (Boolean.getBoolean("bench.statements")) {
            db.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            db.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /**
     * With {@code -Dbench.statements=true}: prints the {@code top} statements by time spent inside PostgreSQL since
     * {@link #statementsReset}, as lines {@code bench-statement total_ms=… calls=… rows=… query=…}.
     */
    static void statements(org.jooq.DSLContext db, int top) {
        if (!Boolean.getBoolean("bench.statements")) {
            return;
        }
        db.resultQuery("SELECT round(total_exec_time) AS total_ms, calls, rows, "
                        + "left(regexp_replace(query, '\\s+', ' ', 'g'), 160) AS query FROM pg_stat_statements "
                        + "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                        + "ORDER BY total_exec_time DESC LIMIT " + top)
                .forEach(r -> System.out.println("bench-statement total_ms=" + r.get("total_ms") + " calls="
                        + r.get("calls") + " rows=" + r.get("rows") + " query=" + r.get("query")));
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static long[] sorted(List<Long> values) {
        long[] array = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(array);
        return array;
    }

    /** Prints a result line, ending with the settings given on the command line ({@code -Dbench.*}), if any. */
    static void print(String line) {
        System.out.println("bench " + line + " settings=" + settings());
        System.out.flush();
    }

    /** The {@code -Dbench.<setting>=<value>} the run was given, or "default". */
    static String settings() {
        String given = System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("bench."))
                .sorted().map(n -> n.substring("bench.".length()) + ":" + System.getProperty(n))
                .collect(java.util.stream.Collectors.joining(","));
        return given.isEmpty() ? "default" : given;
    }

    /**
     * The new-campaign form on {@code page} posted as a browser would (a real navigation, not an htmx swap) with
     * these accounts and media, images spaced 10 minutes, at most {@code dailyMax} a day; waits for the preview.
     */
    static void postCampaignForm(Page page, String name, List<Long> accounts, List<Long> media, int dailyMax) {
        String ids = accounts.stream().map(String::valueOf).collect(Collectors.joining(","));
        String chosen = media.stream().map(String::valueOf).collect(Collectors.joining(","));
        page.evaluate("([accounts, media, name, dailyMax]) => {"
                + " const form = document.getElementById('campaign-form');"
                + " form.setAttribute('hx-boost', 'false');"
                + " form.querySelectorAll('input[name=accounts], input[name=media]').forEach(i => i.remove());"
                + " const add = (name, value) => { const i = document.createElement('input'); i.type = 'hidden';"
                + "   i.name = name; i.value = value; form.appendChild(i); };"
                + " accounts.split(',').forEach(id => add('accounts', id));"
                + " media.split(',').forEach(id => add('media', id));"
                + " form.querySelector('#name').value = name;"
                + " form.querySelector('#postType').value = 'IMAGE';"
                + " form.querySelector('#spacingMinutes').value = '10';"
                + " form.querySelector('#dailyMax').value = dailyMax;"
                + " form.submit(); }", List.of(ids, chosen, name, String.valueOf(dailyMax)));
        page.waitForURL("**/campaigns/preview");
    }
}
