package io.switchboard.keys;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.infrastructure.SecretBox;
import io.switchboard.notifications.WebhookControl;
import io.switchboard.notifications.WebhookDelivery;
import io.switchboard.notifications.WebhookEvent;
import io.switchboard.notifications.Webhooks;
import io.switchboard.proxies.ProxyDraft;
import io.switchboard.proxies.Proxies;
import io.switchboard.publishing.PublishingFixture;
import io.switchboard.tasks.TaskDetail;
import io.switchboard.tasks.Tasks;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.ACCOUNT;
import static switchboard.jooq.Tables.PROXY;
import static switchboard.jooq.Tables.TASK;
import static testsupport.TaskWaits.eventually;

/**
 * A key rotation end to end: secrets sealed with the old key; an instance started with a new key and the old one
 * as previous re-seals every one of them through the module that owns it, with progress; an instance that then
 * has only the new key opens them all, and signs a webhook delivery its receiver verifies with the secret it was
 * given before the rotation.
 */
class KeyRotationTest {
    private static final String NEW_KEY = randomKey();
    private static final String PRIVATE_TARGETS = "switchboard.notifications.allow-private-targets=true";
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    record Received(Map<String, List<String>> headers, String body) {
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void a_new_key_with_the_old_one_as_previous_reseals_every_secret_and_the_old_key_can_then_go() throws Exception {
        String url = TestPostgres.freshDatabase();
        String oldKeyId;
        String hook = receive();
        Webhooks.Registered endpoint;
        try (AppInstance before = AppInstance.start(url, PRIVATE_TARGETS)) {
            SignedIn.as("rotation-test", "ADMIN");
            new PublishingFixture(before).accounts(3, "rotation");
            Proxies proxies = before.bean(Proxies.class);
            for (int i = 1; i <= 2; i++) {
                proxies.add(new ProxyDraft("rotation-" + i, "http", "127.0.0.1", String.valueOf(3000 + i), "user",
                        "proxy-password-" + i, "", "", false));
            }
            // an event none of this test's objects makes (its proxies do go down: they point nowhere)
            endpoint = before.bean(Webhooks.class).register(hook, "rotation receiver",
                    List.of(WebhookEvent.CAMPAIGN_FINISHED), null);
            WebhookControl.send(before, WebhookEvent.CAMPAIGN_FINISHED, "rotation", Map.of("campaignId", 1));
            eventually(Duration.ofSeconds(60), () -> assertThat(delivery(before, endpoint).status()).isEqualTo("DELIVERED"));
            oldKeyId = before.bean(SecretBox.class).keyId();
        }

        try (AppInstance rotated = AppInstance.start(url, PRIVATE_TARGETS, "switchboard.encryption.key=" + NEW_KEY,
                "switchboard.encryption.previous-keys=" + AppInstance.ENCRYPTION_KEY)) {
            DSLContext db = rotated.bean(DSLContext.class);
            eventually(Duration.ofSeconds(60), () -> assertThat(db.select(TASK.STATE).from(TASK)
                    .where(TASK.KIND.eq("keys.reseal")).fetchOne(TASK.STATE)).isEqualTo("succeeded"));
            long taskId = db.select(TASK.ID).from(TASK).where(TASK.KIND.eq("keys.reseal")).fetchSingle(TASK.ID);
            TaskDetail detail = rotated.bean(Tasks.class).detail(taskId).orElseThrow();
            assertThat(detail.task().progressDone()).isEqualTo(6L);
            assertThat(detail.task().progressTotal()).isEqualTo(6L);
            assertThat(detail.counters()).isEqualTo(Map.of("account tokens", 3L, "proxy passwords", 2L,
                    "webhook secrets", 1L));
        }

        try (AppInstance after = AppInstance.start(url, PRIVATE_TARGETS, "switchboard.encryption.key=" + NEW_KEY)) {
            SecretBox box = after.bean(SecretBox.class);
            DSLContext db = after.bean(DSLContext.class);
            assertThat(box.keyIds()).containsExactly(box.keyId()).doesNotContain(oldKeyId);
            var tokens = db.select(ACCOUNT.TOKEN_KEY_ID, ACCOUNT.TOKEN_CIPHERTEXT).from(ACCOUNT).fetch();
            assertThat(tokens).hasSize(3).allSatisfy(r -> assertThat(
                    box.open("account-token", new SecretBox.Sealed(r.value1(), r.value2()))).isNotBlank());
            var passwords = db.select(PROXY.PASSWORD_KEY_ID, PROXY.PASSWORD_CIPHERTEXT).from(PROXY).orderBy(PROXY.ID).fetch();
            assertThat(passwords).extracting(r -> box.open("proxy-password", new SecretBox.Sealed(r.value1(), r.value2())))
                    .containsExactly("proxy-password-1", "proxy-password-2");

            SignedIn.as("rotation-test", "ADMIN");
            after.bean(Webhooks.class).redeliver(delivery(after, endpoint).id());
            eventually(Duration.ofSeconds(60), () -> assertThat(received).hasSize(2));
            Received again = received.get(1);
            new Webhook(endpoint.secret()).verify(again.body(), again.headers());
            assertThat(again.headers().get("webhook-id")).isEqualTo(received.getFirst().headers().get("webhook-id"));
        }
    }

    private static WebhookDelivery delivery(AppInstance app, Webhooks.Registered endpoint) {
        return app.bean(Webhooks.class).deliveries(endpoint.endpoint().id(), 1).getFirst();
    }

    /** A receiver that records every request and answers 200; returns its URL. */
    private String receive() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            received.add(new Received(headers, body));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
