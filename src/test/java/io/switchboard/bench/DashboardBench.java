package io.switchboard.bench;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Operators;
import io.switchboard.testing.TestPostgres;
import io.switchboard.testing.WebSession;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import testsupport.TaskFixtures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.jooq.impl.DSL.max;
import static switchboard.jooq.Tables.TASK;

/**
 * {@code ./mvnw -Pbench -Dbench=dashboard verify}: the operations pages over real HTTP, rendered whole, on a
 * table of 1,000,000 finished and 10,000 queued tasks; 20 warm-up requests, then 100 timed, per page.
 */
@Tag("bench")
class DashboardBench {

    @Test
    void dashboard() {
        Bench.only("dashboard");
        try (AppInstance app = AppInstance.start(TestPostgres.freshDatabase(), List.of(),
                "switchboard.tasks.workers=false", "logging.level.io.switchboard=WARN")) {
            DSLContext db = app.bean(DSLContext.class);
            TaskFixtures.fill(db, 1_000_000, 10_000);
            long rows = db.fetchCount(TASK);
            long middle = db.select(max(TASK.ID)).from(TASK).fetchSingle().value1() / 2;
            long failed = db.select(max(TASK.ID)).from(TASK).where(TASK.STATE.eq("failed")).fetchSingle().value1();
            WebSession admin = Operators.admin(app);
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("overview", "/");
            pages.put("tasks-first", "/tasks");
            pages.put("tasks-filtered-deep", "/tasks?state=succeeded&kind=publishing.post&before=" + middle);
            pages.put("task-detail", "/tasks/" + failed);
            pages.forEach((name, path) -> {
                long[] sorted = Bench.sorted(time(admin, app.url(path)));
                Bench.print(String.format("dashboard page=%s rows=%d p50_ms=%d p95_ms=%d", name, rows,
                        Bench.percentile(sorted, 50), Bench.percentile(sorted, 95)));
            });
        }
    }

    private static List<Long> time(WebSession session, String url) {
        for (int i = 0; i < 20; i++) {
            check(session, url);
        }
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long start = System.nanoTime();
            check(session, url);
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        return millis;
    }

    private static void check(WebSession session, String url) {
        var response = session.get(url);
        if (response.statusCode() != 200) {
            throw new AssertionError(url + " answered " + response.statusCode());
        }
    }
}
