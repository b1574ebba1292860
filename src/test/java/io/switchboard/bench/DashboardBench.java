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
import static switchboard.jooq.Tables.TASK_LOG;

/**
 * {@code ./mvnw -Pbench -Dbench=dashboard verify}: the operations pages over real HTTP, rendered whole, on a
 * table of 1,000,000 finished and 10,000 queued tasks; 20 warm-up requests, then 100 timed, per page. The task
 * page is timed for a task with a full log ({@value #LOG_LINES} lines written, the page shows the latest 500).
 */
@Tag("bench")
class DashboardBench {
    private static final int FINISHED = Integer.getInteger("bench.dashboard.finished", 1_000_000);
    private static final int LOG_LINES = 5_000;

    @Test
    void dashboard() {
        Bench.only("dashboard");
        try (AppInstance app = AppInstance.start(TestPostgres.freshDatabase(), List.of(),
                "switchboard.tasks.workers=false", "logging.level.io.switchboard=WARN")) {
            DSLContext db = app.bean(DSLContext.class);
            TaskFixtures.fill(db, FINISHED, 10_000);
            long rows = db.fetchCount(TASK);
            long middle = db.select(max(TASK.ID)).from(TASK).fetchSingle().value1() / 2;
            long failed = db.select(max(TASK.ID)).from(TASK).where(TASK.STATE.eq("failed")).fetchSingle().value1();
            WebSession admin = Operators.admin(app);
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("overview", "/");
            pages.put("tasks-first", "/tasks");
            pages.put("tasks-filtered-deep", "/tasks?state=succeeded&kind=publishing.post&before=" + middle);
            db.execute("INSERT INTO task_log (task_id, attempt, at, level, message) SELECT {0}, 1, "
                    + "now() - make_interval(secs => {1} - n), 'INFO', 'Look ' || n || ': the platform is still "
                    + "processing the media (IN_PROGRESS); next look in 60 s' FROM generate_series(1, {1}) n",
                    org.jooq.impl.DSL.inline(failed), org.jooq.impl.DSL.inline(LOG_LINES));
            int logLines = db.fetchCount(TASK_LOG, TASK_LOG.TASK_ID.eq(failed));
            pages.put("task-detail-log-" + logLines, "/tasks/" + failed);
            if (!admin.get(app.url("/tasks/" + failed)).body().contains("Look " + LOG_LINES + ":")) {
                throw new AssertionError("the task page does not show the task's latest log line");
            }
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
