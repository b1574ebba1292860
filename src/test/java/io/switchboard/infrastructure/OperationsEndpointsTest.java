package io.switchboard.infrastructure;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Operators;
import io.switchboard.testing.SharedApp;
import io.switchboard.testing.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What load balancers, monitoring and log shippers rely on, over real HTTP. */
class OperationsEndpointsTest {
    private final AppInstance app = SharedApp.get();

    @Test
    void health_and_its_probes_are_public_and_up() {
        WebSession anonymous = new WebSession();
        for (String path : new String[]{"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            var response = anonymous.get(app.url(path));
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains("\"status\":\"UP\"");
        }
    }

    @Test
    void info_and_metrics_need_an_admin() {
        WebSession anonymous = new WebSession();
        assertThat(anonymous.get(app.url("/actuator/prometheus")).statusCode()).isEqualTo(401);
        assertThat(anonymous.get(app.url("/actuator/info")).statusCode()).isEqualTo(401);
        String viewer = Operators.create(app, "VIEWER");
        assertThat(basic(viewer, Operators.PASSWORD, "/actuator/prometheus").statusCode()).isEqualTo(403);

        var info = basic("admin", AppInstance.ADMIN_PASSWORD, "/actuator/info");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).contains("\"build\"").contains("\"artifact\":\"switchboard\"").contains("\"java\"");
        var prometheus = basic("admin", AppInstance.ADMIN_PASSWORD, "/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes").contains("application=\"switchboard\"");
    }

    @Test
    void prometheus_scrapes_with_its_own_token_and_a_wrong_token_never_counts_toward_a_sign_in_lock() {
        WebSession prometheus = WebSession.from("127.0.0.31");
        var scrape = bearer(prometheus, AppInstance.METRICS_TOKEN, "/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes");
        assertThat(bearer(prometheus, AppInstance.METRICS_TOKEN, "/actuator/info").statusCode())
                .as("the token reads metrics only").isEqualTo(403);

        for (int i = 0; i < 30; i++) {
            assertThat(bearer(prometheus, "a-wrong-token-" + i, "/actuator/prometheus").statusCode()).isEqualTo(401);
        }
        assertThat(app.bean(org.jooq.DSLContext.class).fetchCount(org.jooq.impl.DSL.table("login_throttle"),
                org.jooq.impl.DSL.condition("subject LIKE '%127.0.0.31'"))).isZero();
        assertThat(basic("admin", AppInstance.ADMIN_PASSWORD, "/actuator/prometheus").statusCode()).isEqualTo(200);
    }

    @Test
    void error_pages_show_a_signed_out_visitor_no_instance_host_or_version() {
        InstanceIdentity instance = app.bean(InstanceIdentity.class);
        var notFound = new WebSession().get(app.url("/sandbox/p/999999999"), Map.of("Accept", "text/html"));
        assertThat(notFound.statusCode()).isEqualTo(404);
        // the page's CSRF token is random letters and digits: a short host name (this machine's is "vm") turns up in
        // it by chance about once in fifty pages, so the token's value is left out of what is searched
        String page = notFound.body().replaceAll("(<meta name=\"csrf-token\" content=\")[^\"]*", "$1");
        assertThat(page).contains("Not found").contains("<meta name=\"csrf-token\"").doesNotContain(instance.shortId())
                .doesNotContain(instance.host()).doesNotContain(instance.version()).doesNotContain("Served by");

        var signedIn = Operators.admin(app).get(app.url("/no-such-page"), Map.of("Accept", "text/html"));
        assertThat(signedIn.body()).as("operators still see it").contains("Served by").contains(instance.shortId());
    }

    @Test
    void every_response_carries_a_request_id_and_keeps_a_sane_incoming_one() {
        WebSession anonymous = new WebSession();
        var generated = anonymous.get(app.url("/login"));
        assertThat(generated.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(16));
        var kept = anonymous.get(app.url("/login"), Map.of("X-Request-Id", "lb-trace-42"));
        assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("lb-trace-42");
        var replaced = anonymous.get(app.url("/login"), Map.of("X-Request-Id", "bad id with spaces"));
        assertThat(replaced.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(16));
    }

    @Test
    void an_htmx_request_without_a_session_sends_the_browser_to_the_login_page() {
        var fragment = new WebSession().get(app.url("/overview/live"), Map.of("HX-Request", "true"));
        assertThat(fragment.statusCode()).isEqualTo(401);
        assertThat(fragment.headers().firstValue("HX-Redirect")).hasValue("/login?expired");
        assertThat(fragment.body()).doesNotContain("<form");

        var page = new WebSession().get(app.url("/operators"));
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void unknown_pages_get_the_404_page_in_the_layout() {
        var response = Operators.admin(app).get(app.url("/no-such-page"), Map.of("Accept", "text/html"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("class=\"sidebar\"").contains("Not found").contains("Nothing lives at this address");
    }

    @Test
    void log_format_json_switches_the_console_to_structured_logging() {
        MockEnvironment json = new MockEnvironment().withProperty("LOG_FORMAT", "json");
        new LogFormat().postProcessEnvironment(json, new SpringApplication());
        assertThat(json.getProperty("logging.structured.format.console")).isEqualTo("ecs");

        MockEnvironment text = new MockEnvironment();
        new LogFormat().postProcessEnvironment(text, new SpringApplication());
        assertThat(text.getProperty("logging.structured.format.console")).isNull();
    }

    private java.net.http.HttpResponse<String> bearer(WebSession client, String token, String path) {
        return client.send(HttpRequest.newBuilder(URI.create(app.url(path)))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    private java.net.http.HttpResponse<String> basic(String username, String password, String path) {
        String credentials = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new WebSession().send(HttpRequest.newBuilder(URI.create(app.url(path)))
                .header("Authorization", "Basic " + credentials).GET().build());
    }
}
