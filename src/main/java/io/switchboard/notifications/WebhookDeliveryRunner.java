package io.switchboard.notifications;

import com.standardwebhooks.Webhook;
import io.switchboard.infrastructure.SecretBox;
import io.switchboard.tasks.Outcome;
import io.switchboard.tasks.TaskContext;
import io.switchboard.tasks.TaskHandler;
import io.switchboard.tasks.TaskKind;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * Sends one delivery: the payload signed per Standard Webhooks ({@code webhook-id} stable across attempts,
 * {@code webhook-timestamp}, {@code webhook-signature: v1,<HMAC-SHA256>}). A 2xx delivers it; anything else is
 * retried after the next of the configured delays (without using up the engine's attempts), then FAILED. Runs on
 * the default queue, so a slow receiver never holds up publishing.
 */
@Component
class WebhookDeliveryRunner implements TaskHandler<DeliverWebhook> {
    private final WebhookRows rows;
    private final WebhookTargets targets;
    private final SecretBox box;
    private final NotificationSettings settings;
    private final HttpClient http;
    private final Clock clock = Clock.systemUTC();

    WebhookDeliveryRunner(WebhookRows rows, WebhookTargets targets, SecretBox box, NotificationSettings settings) {
        this.rows = rows;
        this.targets = targets;
        this.box = box;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.deliveryTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public TaskKind<DeliverWebhook> kind() {
        return DeliverWebhook.KIND;
    }

    @Override
    public Outcome handle(DeliverWebhook payload, TaskContext context) throws Exception {
        var delivery = rows.delivery(payload.deliveryId()).orElse(null);
        if (delivery == null || delivery.status().equals("DELIVERED")) {
            return Outcome.completed();
        }
        var endpoint = rows.endpoint(delivery.endpointId()).orElse(null);
        if (endpoint == null) {
            return Outcome.completed();
        }
        URI target;
        try {
            target = targets.check(endpoint.url());
        } catch (WebhookProblem refused) {
            rows.attempted(delivery.id(), "FAILED", null, null, refused.getMessage());
            return Outcome.failedPermanently(refused.getMessage());
        }
        String secret = box.open(Webhooks.SECRET_PURPOSE, rows.secret(endpoint.id()));
        long timestamp = clock.instant().getEpochSecond();
        String signature = new Webhook(secret).sign(delivery.messageId(), timestamp, delivery.payload());
        HttpRequest request = HttpRequest.newBuilder(target).timeout(settings.deliveryTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Switchboard-Webhooks")
                .header("webhook-id", delivery.messageId())
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8)).build();
        Integer status = null;
        String excerpt = null;
        String error = null;
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            try (InputStream body = response.body()) {
                excerpt = new String(body.readNBytes(WebhookRows.EXCERPT), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        if (status != null && status / 100 == 2) {
            rows.attempted(delivery.id(), "DELIVERED", status, excerpt, null);
            context.info("Delivered " + delivery.messageId() + " to " + target.getHost() + ": " + status);
            return Outcome.completed();
        }
        int attempts = rows.attempted(delivery.id(), "PENDING", status, excerpt, error);
        String why = status != null ? "the receiver answered " + status : "no answer: " + error;
        List<java.time.Duration> delays = settings.retryDelays();
        if (attempts > delays.size()) {
            rows.markFailed(delivery.id());
            return Outcome.failedPermanently("Gave up after " + attempts + " attempts; last: " + why);
        }
        return Outcome.retryAfter(delays.get(attempts - 1), why);
    }
}
