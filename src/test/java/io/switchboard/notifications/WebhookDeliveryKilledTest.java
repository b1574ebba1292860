package io.switchboard.notifications;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import testsupport.ChildInstance;
import testsupport.SignedIn;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.TASK;
import static testsupport.TaskWaits.eventually;

/**
 * At-least-once delivery across a crash: the instance delivering a webhook is killed with SIGKILL while its request
 * is at the receiver; another instance delivers it again later, with the same webhook-id, and it is never lost.
 */
class WebhookDeliveryKilledTest {
    private static final String PRIVATE_TARGETS = "switchboard.notifications.allow-private-targets=true";
    private static final String[] ENGINE = {"switchboard.tasks.lease-duration=3s",
            "switchboard.tasks.heartbeat-interval=300ms", "switchboard.tasks.poll-interval=200ms",
            "switchboard.tasks.promote-interval=50ms", "switchboard.tasks.rescue-interval=300ms"};

    record Received(Map<String, List<String>> headers, String body) {
    }

    @Test
    void a_delivery_cut_by_sigkill_is_made_again_by_another_instance_with_the_same_webhook_id(@TempDir Path dir)
            throws Exception {
        String url = TestPostgres.freshDatabase();
        List<Received> received = new CopyOnWriteArrayList<>();
        CountDownLatch firstArrived = new CountDownLatch(1);
        CountDownLatch killed = new CountDownLatch(1);
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            received.add(new Received(headers, body));
            if (received.size() == 1) {
                firstArrived.countDown();
                try {
                    killed.await(5, TimeUnit.MINUTES); // the first request stays in flight until its sender is dead
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

        Path log = dir.resolve("deliverer.log");
        Process deliverer = ChildInstance.start(url, log, with(PRIVATE_TARGETS));
        try (AppInstance submitter = AppInstance.start(url, with(PRIVATE_TARGETS, "switchboard.tasks.workers=false"))) {
            ChildInstance.awaitReady(deliverer, log);
            Webhooks webhooks = submitter.bean(Webhooks.class);
            Webhooks.Registered endpoint;
            SignedIn.as("kill-test", "ADMIN");
            try {
                endpoint = webhooks.register(hook, "killed receiver", List.of(WebhookEvent.PROXY_DOWN), null);
            } finally {
                SignedIn.out();
            }
            webhooks.send(WebhookEvent.PROXY_DOWN, "kill-test", Map.of("proxyId", 42));

            assertThat(firstArrived.await(5, TimeUnit.MINUTES)).as("the other instance sent the delivery").isTrue();
            DSLContext db = submitter.bean(DSLContext.class);
            assertThat(db.select(TASK.STATE).from(TASK).where(TASK.KIND.eq("notifications.webhook")).fetchOne(TASK.STATE))
                    .as("its task runs while the request is at the receiver").isEqualTo("running");
            deliverer.destroyForcibly().waitFor();
            killed.countDown();
            WebhookDelivery cut = webhooks.deliveries(endpoint.endpoint().id(), 1).getFirst();
            assertThat(cut.status()).as("the kill came before the answer was recorded").isEqualTo("PENDING");

            try (AppInstance survivor = AppInstance.start(url, with(PRIVATE_TARGETS))) {
                eventually(Duration.ofSeconds(120), () -> assertThat(
                        webhooks.deliveries(endpoint.endpoint().id(), 1).getFirst().status()).isEqualTo("DELIVERED"));
                assertThat(received).hasSizeGreaterThanOrEqualTo(2);
                assertThat(received).extracting(r -> r.headers().get("webhook-id").getFirst())
                        .containsOnly(cut.messageId());
                for (Received r : received) {
                    new Webhook(endpoint.secret()).verify(r.body(), r.headers());
                }
                assertThat(webhooks.deliveries(endpoint.endpoint().id(), 10)).as("one delivery, not a second one")
                        .hasSize(1);
            }
        } finally {
            deliverer.destroyForcibly();
            receiver.stop(0);
        }
    }

    private static String[] with(String... more) {
        String[] all = java.util.Arrays.copyOf(ENGINE, ENGINE.length + more.length);
        System.arraycopy(more, 0, all, ENGINE.length, more.length);
        return all;
    }
}
