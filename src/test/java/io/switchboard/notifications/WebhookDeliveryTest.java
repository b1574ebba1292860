package io.switchboard.notifications;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.publishing.Approvals;
import io.switchboard.publishing.Campaigns;
import io.switchboard.sandbox.SandboxControl;
import io.switchboard.publishing.PublishingFixture;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static testsupport.TaskWaits.eventually;

/** Webhooks delivered to a real receiver over HTTP: signed per Standard Webhooks, retried, logged, redelivered. */
class WebhookDeliveryTest {
    private static AppInstance app;
    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    record Received(Map<String, List<String>> headers, String body) {
    }

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase(), "switchboard.notifications.allow-private-targets=true",
                "switchboard.notifications.retry-delays=1s,1s", "switchboard.approvals.required-tags=reviewed");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void the_signing_matches_the_standard_webhooks_published_test_vector() throws Exception {
        String signature = new Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                .sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void a_published_post_reaches_the_receiver_signed_and_the_signature_verifies() throws Exception {
        String url = receive(new int[]{200});
        Webhooks.Registered endpoint = register(url, List.of(WebhookEvent.POST_PUBLISHED));
        PublishingFixture fixture = new PublishingFixture(app);
        SignedIn.as("webhook-test", "OPERATOR");
        long campaign;
        try {
            var accounts = fixture.accounts(1, "hooks");
            var media = fixture.images(1);
            campaign = app.bean(Campaigns.class).launch(PublishingFixture.imageCampaign("hooks-" + UUID.randomUUID(),
                    accounts, media), "webhook-test");
        } finally {
            SignedIn.out();
        }
        eventually(Duration.ofSeconds(120), () -> assertThat(received).isNotEmpty());
        Received delivery = received.getFirst();
        new Webhook(endpoint.secret()).verify(delivery.body(), delivery.headers());
        var body = JsonMapper.builder().build().readTree(delivery.body());
        assertThat(body.get("type").asString()).isEqualTo("post.published");
        assertThat(body.get("data").get("campaignId").asLong()).isEqualTo(campaign);
        assertThatThrownBy(() -> new Webhook(endpoint.secret()).verify(delivery.body().replace("post", "p0st"),
                delivery.headers())).as("a changed body").isNotNull();
        eventually(Duration.ofSeconds(30), () -> assertThat(log(endpoint).getFirst().status()).isEqualTo("DELIVERED"));
    }

    @Test
    void an_account_whose_quota_is_used_up_is_told_once_with_when_a_slot_frees() throws Exception {
        String url = receive(new int[]{200});
        Webhooks.Registered endpoint = register(url, List.of(WebhookEvent.QUOTA_EXHAUSTED));
        PublishingFixture fixture = new PublishingFixture(app);
        SandboxControl.settings(app, Duration.ZERO, Duration.ofMillis(300), 1);
        SignedIn.as("webhook-test", "OPERATOR");
        try {
            var accounts = fixture.accounts(1, "quota");
            var media = fixture.images(3);
            app.bean(Campaigns.class).launch(PublishingFixture.imageCampaign("quota-" + UUID.randomUUID(), accounts,
                    media), "webhook-test");
            eventually(Duration.ofSeconds(120), () -> assertThat(received).isNotEmpty());
            var body = JsonMapper.builder().build().readTree(received.getFirst().body());
            assertThat(body.get("type").asString()).isEqualTo("quota.exhausted");
            assertThat(body.get("data").get("accountId").asLong()).isEqualTo(accounts.getFirst().id());
            assertThat(java.time.Instant.parse(body.get("data").get("freesAt").asString()))
                    .isAfter(java.time.Instant.now().plus(Duration.ofHours(23)));
            new Webhook(endpoint.secret()).verify(received.getFirst().body(), received.getFirst().headers());
            Thread.sleep(3000);
            assertThat(log(endpoint)).as("two posts waiting for the slot, one delivery").hasSize(1);
        } finally {
            SignedIn.out();
            SandboxControl.settings(app, Duration.ZERO, Duration.ofSeconds(3), 50);
        }
    }

    @Test
    void a_campaign_sent_for_review_and_approved_is_told_to_the_receiver() throws Exception {
        String url = receive(new int[]{200});
        Webhooks.Registered endpoint = register(url, List.of(WebhookEvent.APPROVAL_REQUESTED,
                WebhookEvent.APPROVAL_DECIDED));
        PublishingFixture fixture = new PublishingFixture(app);
        String name = "review-" + UUID.randomUUID();
        long campaign;
        SignedIn.as("webhook-author", "OPERATOR");
        try {
            var accounts = fixture.accounts(1, "reviewed");
            campaign = app.bean(Campaigns.class).launch(PublishingFixture.imageCampaign(name, accounts,
                    fixture.images(1)), "webhook-author");
        } finally {
            SignedIn.out();
        }
        eventually(Duration.ofSeconds(60), () -> assertThat(received).hasSize(1));
        SignedIn.as("webhook-reviewer", "OPERATOR");
        try {
            app.bean(Approvals.class).approve(campaign, "Looks right");
        } finally {
            SignedIn.out();
        }
        eventually(Duration.ofSeconds(60), () -> assertThat(received).hasSize(2));
        var json = JsonMapper.builder().build();
        var requested = json.readTree(received.get(0).body());
        assertThat(requested.get("type").asString()).isEqualTo("approval.requested");
        assertThat(requested.get("data").get("campaignId").asLong()).isEqualTo(campaign);
        assertThat(requested.get("data").get("name").asString()).isEqualTo(name);
        var decided = json.readTree(received.get(1).body());
        assertThat(decided.get("type").asString()).isEqualTo("approval.decided");
        assertThat(decided.get("data").get("approved").asBoolean()).isTrue();
        assertThat(decided.get("data").get("decidedBy").asString()).isEqualTo("webhook-reviewer");
        assertThat(decided.get("data").get("comment").asString()).isEqualTo("Looks right");
        for (Received r : received) {
            new Webhook(endpoint.secret()).verify(r.body(), r.headers());
        }
    }

    @Test
    void a_receiver_that_fails_then_recovers_gets_the_same_webhook_id_until_it_answers() throws Exception {
        String url = receive(new int[]{500, 503, 200});
        Webhooks.Registered endpoint = register(url, List.of(WebhookEvent.PROXY_DOWN));
        app.bean(Webhooks.class).send(WebhookEvent.PROXY_DOWN, "test:" + UUID.randomUUID(), Map.of("proxyId", 7));
        eventually(Duration.ofSeconds(60), () -> assertThat(log(endpoint).getFirst().status()).isEqualTo("DELIVERED"));
        assertThat(received).hasSize(3);
        assertThat(received).extracting(r -> r.headers().get("webhook-id").getFirst()).containsOnly(
                log(endpoint).getFirst().messageId());
        WebhookDelivery logged = log(endpoint).getFirst();
        assertThat(logged.attempts()).isEqualTo(3);
        assertThat(logged.lastStatus()).isEqualTo(200);
        assertThat(logged.lastExcerpt()).isEqualTo("answer 3");
    }

    @Test
    void a_delivery_whose_retries_run_out_is_failed_on_the_log_and_can_be_redelivered() throws Exception {
        String url = receive(new int[]{503, 503, 503, 200});
        Webhooks.Registered endpoint = register(url, List.of(WebhookEvent.PROXY_UP));
        app.bean(Webhooks.class).send(WebhookEvent.PROXY_UP, "test:" + UUID.randomUUID(), Map.of("proxyId", 8));
        eventually(Duration.ofSeconds(60), () -> assertThat(log(endpoint).getFirst().status()).isEqualTo("FAILED"));
        assertThat(log(endpoint).getFirst().lastStatus()).isEqualTo(503);
        assertThat(received).hasSize(3);
        SignedIn.as("webhook-admin", "ADMIN");
        try {
            app.bean(Webhooks.class).redeliver(log(endpoint).getFirst().id());
        } finally {
            SignedIn.out();
        }
        eventually(Duration.ofSeconds(60), () -> assertThat(log(endpoint).getFirst().status()).isEqualTo("DELIVERED"));
        assertThat(received).extracting(r -> r.headers().get("webhook-id").getFirst()).hasSize(4).containsOnly(
                log(endpoint).getFirst().messageId());
    }

    @Test
    void loopback_and_private_targets_are_refused_unless_an_admin_allows_them() {
        var strict = new WebhookTargets(new NotificationSettings(false, Duration.ofSeconds(1), List.of(), "http://localhost", "a@b", Duration.ofSeconds(1)));
        for (String url : List.of("http://127.0.0.1:8080/x", "http://localhost/x", "http://10.1.2.3/x",
                "http://169.254.169.254/latest", "http://[::1]/x")) {
            assertThatThrownBy(() -> strict.check(url)).as(url).isInstanceOf(WebhookProblem.class)
                    .hasMessageContaining("private or loopback");
        }
        assertThatThrownBy(() -> strict.check("ftp://example.com/x")).hasMessageContaining("http or https");
        var lenient = new WebhookTargets(new NotificationSettings(true, Duration.ofSeconds(1), List.of(), "http://localhost", "a@b", Duration.ofSeconds(1)));
        assertThat(lenient.check("http://127.0.0.1:8080/x").getPort()).isEqualTo(8080);
    }

    private Webhooks.Registered register(String url, List<WebhookEvent> events) {
        SignedIn.as("webhook-admin", "ADMIN");
        try {
            return app.bean(Webhooks.class).register(url, "test receiver", events, null);
        } finally {
            SignedIn.out();
        }
    }

    private List<WebhookDelivery> log(Webhooks.Registered endpoint) {
        return app.bean(Webhooks.class).deliveries(endpoint.endpoint().id(), 10);
    }

    /** A receiver answering each request with the next status (the last one repeats); returns its URL. */
    private String receive(int[] statuses) throws IOException {
        AtomicInteger calls = new AtomicInteger();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values));
            received.add(new Received(headers, body));
            int call = calls.incrementAndGet();
            byte[] answer = ("answer " + call).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(statuses[Math.min(call, statuses.length) - 1], answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }
}
