package io.switchboard.infrastructure;

import io.switchboard.instagram.graph.InstagramGraph;
import io.switchboard.sandbox.SandboxControl;
import io.switchboard.tasks.Submitted;
import io.switchboard.tasks.TaskRequest;
import io.switchboard.tasks.TaskState;
import io.switchboard.tasks.Tasks;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Operators;
import io.switchboard.testing.TestPostgres;
import io.switchboard.testing.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import testsupport.ProbeTasks;
import testsupport.ProbeTasks.Probe;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static testsupport.ProbeTasks.PROBE;
import static testsupport.TaskWaits.awaitState;

/**
 * What an admin watches: the metrics at /actuator/prometheus move as work runs (tasks and platform calls), a
 * request's id is in the log lines written while serving it and on its error page, and an instance on its own
 * database does not start without the media signing key.
 */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest {
    private static AppInstance app;

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase(), List.of(ProbeTasks.class, Failing.class),
                "switchboard.tasks.poll-interval=200ms", "switchboard.tasks.promote-interval=50ms");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void task_and_platform_metrics_count_the_work_that_ran() {
        String claimed = "switchboard_tasks_claimed_total";
        String succeeded = "switchboard_tasks_succeeded_total";
        String executed = "switchboard_tasks_execution_seconds_count";
        String calls = "switchboard_platform_calls_seconds_count";
        String before = scrape();
        Tasks tasks = app.bean(Tasks.class);
        List<Long> ids = tasks.submitAll(Stream.generate(() -> TaskRequest.of(PROBE, Probe.of("metrics"))).limit(5)
                .toList()).stream().map(Submitted::id).toList();
        ids.forEach(id -> awaitState(tasks, id, TaskState.SUCCEEDED));
        var account = SandboxControl.account(app, "metrics");
        assertThat(app.bean(InstagramGraph.class).profile(account).ok()).isTrue();
        SandboxControl.revokeTokens(app, account.platformUserId());
        assertThat(app.bean(InstagramGraph.class).profile(account).ok()).isFalse();

        String after = scrape();
        assertThat(value(after, claimed, "kind=\"test.probe\"") - value(before, claimed, "kind=\"test.probe\""))
                .isEqualTo(5);
        assertThat(value(after, succeeded, "kind=\"test.probe\"") - value(before, succeeded, "kind=\"test.probe\""))
                .isEqualTo(5);
        assertThat(value(after, executed, "kind=\"test.probe\"") - value(before, executed, "kind=\"test.probe\""))
                .isEqualTo(5);
        assertThat(value(after, calls, "call=\"profile\"", "outcome=\"ok\"")
                - value(before, calls, "call=\"profile\"", "outcome=\"ok\"")).isEqualTo(1);
        assertThat(value(after, calls, "call=\"profile\"", "outcome=\"token_invalid\"")
                - value(before, calls, "call=\"profile\"", "outcome=\"token_invalid\"")).isEqualTo(1);
    }

    @Test
    void a_requests_id_is_on_the_log_lines_written_for_it_and_on_its_error_page(CapturedOutput output) {
        WebSession operator = Operators.signedIn(app, Operators.create(app, "OPERATOR"), Operators.PASSWORD);
        operator.get(app.url("/accounts/connect"));
        String form = "token=" + enc("IGQVJ-no-such-token") + "&platform=instagram&timeZone=UTC&tags=&_csrf=" + enc(operator.csrf());
        var refused = operator.send(HttpRequest.newBuilder(URI.create(app.url("/accounts/connect/token")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Request-Id", "proof-7f3a91c2")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(refused.headers().firstValue("X-Request-Id")).hasValue("proof-7f3a91c2");
        assertThat(output.getAll().lines().filter(line -> line.contains("Graph API")))
                .as("the client's log line about the refused token").anySatisfy(line ->
                        assertThat(line).contains("[proof-7f3a91c2]"));

        var failed = operator.get(app.url("/test-only/fails"), Map.of("Accept", "text/html", "X-Request-Id",
                "proof-500-5e1d"));
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).contains("Request id: <code>proof-500-5e1d</code>");
        assertThat(output.getAll().lines().filter(line -> line.contains("ERROR")))
                .as("the failure logged with the request's id").anySatisfy(line ->
                        assertThat(line).contains("[proof-500-5e1d]"));

        // without an incoming id: the one made for the request is the one on the page and in the log
        var generated = operator.get(app.url("/test-only/fails"), Map.of("Accept", "text/html"));
        String id = generated.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(generated.body()).contains("Request id: <code>" + id + "</code>");
        assertThat(output.getAll()).contains("[" + id + "]");
    }

    /** A page that fails, as any page's bug would (added to the test instance only). */
    @org.springframework.stereotype.Controller
    static class Failing {
        @org.springframework.web.bind.annotation.GetMapping("/test-only/fails")
        String fail() {
            throw new IllegalStateException("a failure for the error page");
        }
    }

    @Test
    void an_instance_on_its_own_database_does_not_start_without_the_media_signing_key() {
        assertThatThrownBy(() -> AppInstance.start(TestPostgres.freshDatabase(), "switchboard.media.signing-key="))
                .rootCause().hasMessageContaining("Set switchboard.media.signing-key (SWITCHBOARD_MEDIA_SIGNING_KEY)");
    }

    private static String scrape() {
        String credentials = Base64.getEncoder().encodeToString(("admin:" + AppInstance.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        var response = new WebSession().send(HttpRequest.newBuilder(URI.create(app.url("/actuator/prometheus")))
                .header("Authorization", "Basic " + credentials).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The sum of a metric's samples whose labels contain all of {@code labels} (0 when there is none yet). */
    private static double value(String scrape, String metric, String... labels) {
        Matcher sample = Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE)
                .matcher(scrape);
        double sum = 0;
        while (sample.find()) {
            String found = sample.group(1);
            if (Stream.of(labels).allMatch(found::contains)) {
                sum += Double.parseDouble(sample.group(2));
            }
        }
        return sum;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
