package io.switchboard.dashboard;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.tasks.Outcome;
import io.switchboard.tasks.TaskRequest;
import io.switchboard.tasks.TaskState;
import io.switchboard.tasks.Tasks;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Browser;
import io.switchboard.testing.Operators;
import io.switchboard.testing.TestPostgres;
import io.switchboard.testing.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;
import testsupport.ProbeTasks;
import testsupport.ProbeTasks.Probe;
import testsupport.TableSnapshot;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.ProbeTasks.PROBE;
import static testsupport.TaskWaits.awaitState;

/**
 * The operations pages in Chromium. The browser talks to instance "web", which runs no tasks; instance
 * "worker" runs them, so everything the pages show live came through the database's notifications.
 */
class OperationsPagesBrowserTest {
    private static final String[] ENGINE = {"switchboard.tasks.poll-interval=300ms",
            "switchboard.tasks.promote-interval=100ms", "switchboard.tasks.heartbeat-interval=300ms",
            "switchboard.tasks.backoff-base=100ms"};
    private static AppInstance web;
    private static AppInstance worker;
    private static Browser browser;

    /** Cancelling, retrying, pausing and uploading are an operator's commands (method security). */
    @BeforeEach
    void signInAsOperator() {
        SignedIn.as("test", "OPERATOR");
    }

    @BeforeAll
    static void start() {
        ProbeTasks.reset();
        String url = TestPostgres.freshDatabase();
        web = AppInstance.start(url, List.of(ProbeTasks.class), with("switchboard.tasks.workers=false"));
        worker = AppInstance.start(url, List.of(ProbeTasks.class), ENGINE);
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        browser.close();
        worker.close();
        web.close();
    }

    @Test
    void a_task_goes_queued_running_succeeded_on_the_tasks_page_without_a_reload() {
        Tasks tasks = web.bean(Tasks.class);
        tasks.pauseQueue("live", "test");
        long id = tasks.submit(TaskRequest.of(PROBE, new Probe("live-watch", "", 2500)).withQueue("live")).id();
        Page page = signedIn("admin", AppInstance.ADMIN_PASSWORD);
        page.navigate(web.url("/tasks?queue=live"));
        page.evaluate("window.sameDocument = true");
        var row = page.locator("tr[data-task='" + id + "'] .state");
        assertThat(row).hasText("queued");
        Browser.screenshot(page, "tasks-queued");

        worker.bean(Tasks.class).resumeQueue("live", "test");

        assertThat(row).hasText("running", new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions()
                .setTimeout(10_000));
        Browser.screenshot(page, "tasks-running");
        assertThat(row).hasText("succeeded", new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions()
                .setTimeout(15_000));
        assertThat(page.evaluate("window.sameDocument")).as("the page was never reloaded").isEqualTo(true);
        assertThat(page.locator("html")).hasAttribute("data-live", "streaming");
        Browser.screenshot(page, "tasks-succeeded");
    }

    @Test
    void a_task_asked_again_while_it_runs_says_on_its_page_that_it_runs_again() {
        // its first run waits until the page was seen saying so; the second (the one asked for) ends at once
        java.util.concurrent.CountDownLatch seen = new java.util.concurrent.CountDownLatch(1);
        ProbeTasks.behave("asked-again", (probe, context) -> {
            if (ProbeTasks.runs(context.taskId()) == 1) {
                try {
                    seen.await(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Outcome.completed();
        });
        Tasks tasks = web.bean(Tasks.class);
        TaskRequest<Probe> request = TaskRequest.of(PROBE, Probe.of("asked-again")).withUniqueKey("asked-again")
                .withRerunIfRunning();
        long id = tasks.submit(request).id();
        awaitState(tasks, id, TaskState.RUNNING);
        Page page = signedIn("admin", AppInstance.ADMIN_PASSWORD);
        page.navigate(web.url("/tasks/" + id));
        assertThat(page.locator("#task-state")).hasText("running");
        assertThat(page.locator("#task-rerun")).hasCount(0);

        assertThat(tasks.submit(request).id()).as("the running task is the answer").isEqualTo(id);

        // the page of a live task refreshes itself: the badge comes without a reload
        assertThat(page.locator("#task-rerun")).hasText("runs again after this run");
        Browser.screenshot(page, "task-runs-again");
        page.setViewportSize(390, 844);
        Browser.screenshot(page, "task-runs-again-390");
        page.setViewportSize(1440, 900);
        seen.countDown();
        assertThat(page.locator("#task-state")).hasText("succeeded", new com.microsoft.playwright.assertions
                .LocatorAssertions.HasTextOptions().setTimeout(30_000));
        assertThat(page.locator("#task-rerun")).hasCount(0);
        assertThat(ProbeTasks.runs(id)).as("ran once more, not more").isEqualTo(2);
    }

    @Test
    void a_failed_task_is_retried_from_its_page() {
        AtomicInteger runs = new AtomicInteger();
        ProbeTasks.behave("retry-me", (probe, context) -> {
            if (runs.incrementAndGet() == 1) {
                context.warn("the platform said 2207052: media URL not fetchable");
                return Outcome.failedPermanently("Media could not be fetched (9004/2207052): check the signed URL");
            }
            context.info("fetched and published");
            return Outcome.completed();
        });
        Tasks tasks = web.bean(Tasks.class);
        long id = tasks.submit(TaskRequest.of(PROBE, Probe.of("retry-me")).withMaxAttempts(1)).id();
        awaitState(tasks, id, TaskState.FAILED);

        Page page = signedIn("admin", AppInstance.ADMIN_PASSWORD);
        page.navigate(web.url("/tasks/" + id));
        assertThat(page.locator("#task-state")).hasText("failed");
        assertThat(page.locator("#attempts")).containsText("Media could not be fetched");
        assertThat(page.locator("#task-log")).containsText("2207052");
        Browser.screenshot(page, "task-failed");

        page.locator("#retry-task").click();

        assertThat(page.locator("#task-state")).hasText("succeeded", new com.microsoft.playwright.assertions
                .LocatorAssertions.HasTextOptions().setTimeout(15_000));
        assertThat(page.locator("#task-log")).containsText("fetched and published");
        Browser.screenshot(page, "task-retried");
    }

    @Test
    void a_paused_queue_stops_being_claimed_and_resumes() {
        Tasks tasks = web.bean(Tasks.class);
        long first = tasks.submit(TaskRequest.of(PROBE, Probe.of("queue-first")).withQueue("pausable")).id();
        awaitState(tasks, first, TaskState.SUCCEEDED);
        Page page = signedIn("admin", AppInstance.ADMIN_PASSWORD);
        page.navigate(web.url("/queues"));
        page.locator("tr[data-queue='pausable'] button:has-text('Pause')").click();
        assertThat(page.locator(".page-title")).hasText("Pause queue pausable on every instance?");
        page.locator("#confirm-button").click();
        assertThat(page.locator("tr[data-queue='pausable'] .queue-state")).hasText("paused");

        long held = tasks.submit(TaskRequest.of(PROBE, Probe.of("queue-held")).withQueue("pausable")).id();
        // submitted after it and woken by the same notification: once it ran, the worker had its chance
        long after = tasks.submit(TaskRequest.of(PROBE, Probe.of("queue-after"))).id();
        awaitState(tasks, after, TaskState.SUCCEEDED);
        assertThat(ProbeTasks.runs(held)).isZero();
        assertThat(tasks.detail(held).orElseThrow().task().state()).isEqualTo(TaskState.QUEUED);
        assertThat(page.locator("tr[data-queue='pausable'] td").nth(2)).hasText("1");
        Browser.screenshot(page, "queues-paused");

        page.locator("tr[data-queue='pausable'] button:has-text('Resume')").click();
        awaitState(tasks, held, TaskState.SUCCEEDED, Duration.ofSeconds(10));
        assertThat(page.locator("tr[data-queue='pausable'] .queue-state")).hasText("running");
    }

    @Test
    void the_overview_and_instances_pages_show_the_cluster() {
        Page page = signedIn("admin", AppInstance.ADMIN_PASSWORD);
        page.navigate(web.url("/"));
        assertThat(page.locator("#live-instances")).hasText("2");
        assertThat(page.locator("#throughput-chart")).isVisible();
        // drawn after the load event (marked for the pages benchmark), its numbers as a table before and under it
        assertThat((Boolean) page.evaluate("() => performance.getEntriesByName('sb:charts-drawn').length > 0"
                + " && performance.getEntriesByName('sb:charts-drawn')[0].startTime"
                + " >= performance.getEntriesByType('navigation')[0].loadEventStart")).isTrue();
        assertThat(page.locator("#throughput-table thead")).containsText("Succeeded");
        assertThat(page.locator("details.chart-data")).not().hasAttribute("open", "");
        assertThat(page.locator("#queue-depths")).containsText("default");
        Browser.screenshot(page, "overview-live");

        page.navigate(web.url("/instances"));
        assertThat(page.locator("#instances tbody tr")).hasCount(2);
        assertThat(page.locator("#instances")).containsText("live");
        Browser.screenshot(page, "instances");
    }

    @Test
    void bulk_retry_says_how_many_and_runs_in_batches() {
        ProbeTasks.behave("bulk-fail", (probe, context) -> probe.sleepMillis() == 0
                ? Outcome.failedPermanently("wrong on purpose") : Outcome.completed());
        Tasks tasks = web.bean(Tasks.class);
        List<Long> ids = tasks.submitAll(java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> TaskRequest.of(PROBE, Probe.of("bulk-fail")).withGroup("bulk-demo")).toList())
                .stream().map(io.switchboard.tasks.Submitted::id).toList();
        ids.forEach(id -> awaitState(tasks, id, TaskState.FAILED));
        ProbeTasks.behave("bulk-fail", (probe, context) -> Outcome.completed());

        Page page = signedIn("admin", AppInstance.ADMIN_PASSWORD);
        page.navigate(web.url("/tasks?state=failed&group=bulk-demo"));
        assertThat(page.locator("#tasks tbody tr[data-task]")).hasCount(12);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Retry selection…")).click();
        assertThat(page.locator("#bulk-count")).hasText("12");
        Browser.screenshot(page, "tasks-bulk-confirm");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, retry them")).click();

        assertThat(page.locator("#task-state")).hasText("succeeded", new com.microsoft.playwright.assertions
                .LocatorAssertions.HasTextOptions().setTimeout(15_000));
        ids.forEach(id -> awaitState(tasks, id, TaskState.SUCCEEDED));
        Browser.screenshot(page, "tasks-bulk-done");
    }

    @Test
    void a_viewer_sees_every_page_and_every_action_is_refused() {
        String viewer = Operators.create(web, "VIEWER");
        Tasks tasks = web.bean(Tasks.class);
        ProbeTasks.behave("viewer-sees", (probe, context) -> Outcome.failedPermanently("for the viewer"));
        long failed = tasks.submit(TaskRequest.of(PROBE, Probe.of("viewer-sees")).withMaxAttempts(1)).id();
        awaitState(tasks, failed, TaskState.FAILED);

        Page page = signedIn(viewer, Operators.PASSWORD);
        for (String path : List.of("/", "/tasks", "/tasks/" + failed, "/queues", "/instances")) {
            page.navigate(web.url(path));
            assertThat(page.locator("main#content")).isVisible();
            assertThat(page.locator("button.danger, button.primary, #retry-task, #cancel-task")).hasCount(0);
        }
        Browser.screenshot(page, "task-as-viewer");

        WebSession forger = Operators.signedIn(web, viewer, Operators.PASSWORD);
        forger.get(web.url("/tasks/" + failed));
        var before = TableSnapshot.settled(db(), "task", "task_queue", "task_group");
        for (String path : List.of("/tasks/" + failed + "/retry", "/tasks/" + failed + "/cancel", "/queues/default/pause",
                "/queues/default/resume", "/tasks/bulk?state=failed", "/tasks/bulk/confirm?state=failed")) {
            var response = forger.post(web.url(path), Map.of("action", "RETRY"));
            assertThat(response.statusCode()).as(path).isEqualTo(403);
        }
        assertThat(tasks.detail(failed).orElseThrow().task().state()).isEqualTo(TaskState.FAILED);
        assertThat(TableSnapshot.of(db(), "task", "task_queue", "task_group"))
                .as("no task retried, cancelled or queued, no queue paused or resumed").isEqualTo(before);
    }

    private static org.jooq.DSLContext db() {
        return web.bean(org.jooq.DSLContext.class);
    }

    @Test
    void a_table_wider_than_the_window_scrolls_by_keyboard_and_stops_when_it_fits() {
        Page page = signedIn("admin", AppInstance.ADMIN_PASSWORD);
        page.setViewportSize(390, 844);
        page.navigate(web.url("/tasks"));
        var wrap = page.locator(".table-wrap").first();
        assertThat((Boolean) wrap.evaluate("w => w.scrollWidth > w.clientWidth + 1")).as("the tasks table overflows at 390 px").isTrue();
        assertThat(wrap).hasAttribute("role", "region");
        assertThat(wrap).hasAttribute("tabindex", "0");
        assertThat(wrap).hasAttribute("aria-label", java.util.regex.Pattern.compile("scrolls sideways"));

        page.setViewportSize(1440, 900);
        page.waitForFunction("w => w.scrollWidth <= w.clientWidth + 1", wrap.elementHandle());
        assertThat(wrap).not().hasAttribute("role", "region");
        assertThat(wrap).not().hasAttribute("tabindex", "0");
    }

    private static Page signedIn(String username, String password) {
        Page page = browser.newPage();
        Browser.signIn(page, web, username, password);
        return page;
    }

    private static String[] with(String... more) {
        String[] all = java.util.Arrays.copyOf(ENGINE, ENGINE.length + more.length);
        System.arraycopy(more, 0, all, ENGINE.length, more.length);
        return all;
    }
}
