package io.switchboard.bench;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Operators;
import io.switchboard.testing.WebSession;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import testsupport.TaskFixtures;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed cost of a page on the server, without a browser: light pages asked for one after another over real
 * HTTP with a signed-in session, each line the page's time to its last byte (p50, p95) and the application's
 * process CPU per request (the JVM's CPU time over the loop divided by the requests: much less sensitive to
 * the machine's load than a wall-clock time, so a before/after on a shared machine still says something).
 * {@code -Dbench.floor.requests=N} (default 300 a page).
 */
@Tag("bench")
class FloorBench {
    private static final int REQUESTS = Integer.getInteger("bench.floor.requests", 300);
    private static final int WARM_UP = 50;

    @Test
    void floor() throws Exception {
        Bench.only("floor");
        try (EmbeddedPostgres postgres = Bench.postgres(false);
             AppInstance app = AppInstance.start(Bench.database(postgres, "floor"), List.of(),
                     "logging.level.io.switchboard=WARN", "switchboard.proxies.diagnostics-interval=24h")) {
            DSLContext db = app.bean(DSLContext.class);
            TaskFixtures.fill(db, 10_000, 0);
            long task = db.fetchSingle("SELECT max(id) FROM task").get(0, Long.class);
            WebSession admin = Operators.admin(app);
            for (String path : List.of("/tasks/" + task, "/queues", "/account", "/tasks")) {
                measure(app, admin, path);
            }
        }
    }

    private static void measure(AppInstance app, WebSession session, String path) {
        for (int i = 0; i < WARM_UP; i++) {
            ok(session.get(app.url(path)), path);
        }
        List<Long> micros = new ArrayList<>();
        long cpuBefore = processCpuNanos();
        for (int i = 0; i < REQUESTS; i++) {
            long started = System.nanoTime();
            ok(session.get(app.url(path)), path);
            micros.add((System.nanoTime() - started) / 1_000);
        }
        long cpuMicros = (processCpuNanos() - cpuBefore) / 1_000 / REQUESTS;
        long[] sorted = Bench.sorted(micros);
        Bench.print(String.format("floor page=%s p50_ms=%.1f p95_ms=%.1f cpu_ms_per_request=%.2f requests=%d",
                path.replaceAll("/\\d+$", "/{id}"), Bench.percentile(sorted, 50) / 1000.0,
                Bench.percentile(sorted, 95) / 1000.0, cpuMicros / 1000.0, REQUESTS));
    }

    private static void ok(HttpResponse<String> response, String path) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
