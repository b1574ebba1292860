package io.switchboard.notifications;

import io.switchboard.audit.AuditRecord;
import io.switchboard.audit.AuditTrail;
import io.switchboard.infrastructure.Digests;
import io.switchboard.identity.CurrentOperator;
import io.switchboard.infrastructure.SecretBox;
import io.switchboard.tasks.Tasks;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Outgoing webhooks: admins register endpoints (URL, events, secret) and read each one's delivery log; events become
 * deliveries, each a task of the engine, signed per the Standard Webhooks specification.
 */
@Service
public class Webhooks {
    static final String SECRET_PURPOSE = "webhook-secret";
    static final String SECRET_PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final WebhookRows rows;
    private final WebhookTargets targets;
    private final SecretBox box;
    private final Tasks tasks;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();
    private final AuditTrail audit;

    Webhooks(WebhookRows rows, WebhookTargets targets, SecretBox box, Tasks tasks, JsonMapper json, AuditTrail audit) {
        this.audit = audit;
        this.rows = rows;
        this.targets = targets;
        this.box = box;
        this.tasks = tasks;
        this.json = json;
    }

    /** An endpoint just registered, with its signing secret: shown once. */
    public record Registered(WebhookEndpoint endpoint, String secret) {
    }

    public List<WebhookEndpoint> endpoints() {
        return rows.endpoints();
    }

    public Optional<WebhookEndpoint> endpoint(long id) {
        return rows.endpoint(id);
    }

    /**
     * @param secret a {@code whsec_…} secret the receiver already has, or null/blank for a new one
     * @throws WebhookProblem naming the field: a URL that is not http(s), private, unknown; no event; a bad secret
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Registered register(String url, String description, List<WebhookEvent> events, @Nullable String secret) {
        String target = targets.check(url).toString();
        if (events.isEmpty()) {
            throw new WebhookProblem("events", "Choose at least one event to send.");
        }
        if (description.length() > 200) {
            throw new WebhookProblem("description", "Shorten the description to at most 200 characters.");
        }
        String key = secret == null || secret.isBlank() ? newSecret() : secret.strip();
        if (!validSecret(key)) {
            throw new WebhookProblem("secret", "A secret is whsec_ followed by 24 to 64 bytes in base64; leave it "
                    + "empty to get a new one.");
        }
        long id = rows.insertEndpoint(target, description.strip(), events, box.seal(SECRET_PURPOSE, key),
                CurrentOperator.get().map(CurrentOperator::username).orElse("system"));
        WebhookEndpoint created = rows.endpoint(id).orElseThrow();
        audit.record(AuditRecord.of("webhook.created", "webhook", id).target(created.url())
                .compare(null, created, "url", "description", "events", "enabled"));
        return new Registered(created, key);
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void delete(long id) {
        WebhookEndpoint before = rows.endpoint(id).orElse(null);
        if (before == null || !rows.deleteEndpoint(id)) {
            throw new WebhookProblem("", "There is no such endpoint; reload the page.");
        }
        audit.record(AuditRecord.of("webhook.deleted", "webhook", id).target(before.url())
                .compare(before, null, "url", "description", "events", "enabled"));
    }

    /** The endpoint's latest deliveries, newest first. */
    public List<WebhookDelivery> deliveries(long endpointId, int limit) {
        return rows.deliveries(endpointId, Math.clamp(limit, 1, 200));
    }

    /** Sends the delivery again, with the same message id (receivers that saw it can ignore it). */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void redeliver(long deliveryId) {
        rows.delivery(deliveryId).orElseThrow(() -> new WebhookProblem("", "There is no such delivery; reload the page."));
        rows.resetForRedelivery(deliveryId);
        tasks.submit(DeliverWebhook.request(deliveryId));
    }

    /**
     * A delivery per subscribed endpoint, in the caller's transaction. {@code occurrence} identifies this happening
     * of the event: told twice (a listener run again), it makes no second delivery.
     */
    @Transactional
    void send(WebhookEvent event, String occurrence, Map<String, ?> data) {
        List<WebhookEndpoint> subscribers = rows.subscribers(event);
        if (subscribers.isEmpty()) {
            return;
        }
        String messageId = "msg_" + Digests.sha256Hex(event.type() + "|" + occurrence).substring(0, 32);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.type());
        body.put("timestamp", clock.instant().toString());
        body.put("data", data);
        String payload = json.writeValueAsString(body);
        for (WebhookEndpoint endpoint : subscribers) {
            rows.insertDelivery(endpoint.id(), messageId, event, payload)
                    .ifPresent(id -> tasks.submit(DeliverWebhook.request(id)));
        }
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    private static boolean validSecret(String secret) {
        if (!secret.startsWith(SECRET_PREFIX)) {
            return false;
        }
        try {
            int length = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())).length;
            return length >= 24 && length <= 64;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
