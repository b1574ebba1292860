package io.switchboard.notifications;

import io.switchboard.infrastructure.SecretBox;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static switchboard.jooq.Tables.WEBHOOK_DELIVERY;
import static switchboard.jooq.Tables.WEBHOOK_ENDPOINT;

/** Webhook endpoints (secrets sealed) and their deliveries. */
@Repository
class WebhookRows {
    static final int EXCERPT = 500;
    private final DSLContext db;

    WebhookRows(DSLContext db) {
        this.db = db;
    }

    long insertEndpoint(String url, String description, List<WebhookEvent> events, SecretBox.Sealed secret, String by) {
        return db.insertInto(WEBHOOK_ENDPOINT)
                .set(WEBHOOK_ENDPOINT.URL, url).set(WEBHOOK_ENDPOINT.DESCRIPTION, description)
                .set(WEBHOOK_ENDPOINT.EVENTS, events.stream().map(WebhookEvent::type).toArray(String[]::new))
                .set(WEBHOOK_ENDPOINT.SECRET_KEY_ID, secret.keyId()).set(WEBHOOK_ENDPOINT.SECRET_SEALED, secret.bytes())
                .set(WEBHOOK_ENDPOINT.CREATED_BY, by)
                .returning(WEBHOOK_ENDPOINT.ID).fetchSingle(WEBHOOK_ENDPOINT.ID);
    }

    List<WebhookEndpoint> endpoints() {
        return db.selectFrom(WEBHOOK_ENDPOINT).orderBy(WEBHOOK_ENDPOINT.ID).fetch(WebhookRows::endpoint);
    }

    Optional<WebhookEndpoint> endpoint(long id) {
        return db.selectFrom(WEBHOOK_ENDPOINT).where(WEBHOOK_ENDPOINT.ID.eq(id)).fetchOptional(WebhookRows::endpoint);
    }

    /** The enabled endpoints subscribed to this event type. */
    List<WebhookEndpoint> subscribers(WebhookEvent event) {
        return db.selectFrom(WEBHOOK_ENDPOINT).where(WEBHOOK_ENDPOINT.ENABLED)
                .and(WEBHOOK_ENDPOINT.EVENTS.contains(new String[]{event.type()})).fetch(WebhookRows::endpoint);
    }

    SecretBox.Sealed secret(long endpointId) {
        var r = db.select(WEBHOOK_ENDPOINT.SECRET_KEY_ID, WEBHOOK_ENDPOINT.SECRET_SEALED).from(WEBHOOK_ENDPOINT)
                .where(WEBHOOK_ENDPOINT.ID.eq(endpointId)).fetchSingle();
        return new SecretBox.Sealed(r.value1(), r.value2());
    }

    long countSecretsSealedWithOtherKeys(String keyId) {
        return db.fetchCount(WEBHOOK_ENDPOINT, WEBHOOK_ENDPOINT.SECRET_KEY_ID.ne(keyId));
    }

    /** Secrets sealed with another key than {@code keyId}, their rows locked until the transaction ends. */
    Map<Long, SecretBox.Sealed> lockSecretsSealedWithOtherKeys(String keyId, int limit) {
        Map<Long, SecretBox.Sealed> secrets = new LinkedHashMap<>();
        db.select(WEBHOOK_ENDPOINT.ID, WEBHOOK_ENDPOINT.SECRET_KEY_ID, WEBHOOK_ENDPOINT.SECRET_SEALED)
                .from(WEBHOOK_ENDPOINT).where(WEBHOOK_ENDPOINT.SECRET_KEY_ID.ne(keyId))
                .orderBy(WEBHOOK_ENDPOINT.ID).limit(limit).forUpdate()
                .forEach(r -> secrets.put(r.value1(), new SecretBox.Sealed(r.value2(), r.value3())));
        return secrets;
    }

    /** Only the sealing changes: same secret. */
    void resealSecret(long id, SecretBox.Sealed secret) {
        db.update(WEBHOOK_ENDPOINT).set(WEBHOOK_ENDPOINT.SECRET_KEY_ID, secret.keyId())
                .set(WEBHOOK_ENDPOINT.SECRET_SEALED, secret.bytes()).where(WEBHOOK_ENDPOINT.ID.eq(id)).execute();
    }

    boolean deleteEndpoint(long id) {
        return db.deleteFrom(WEBHOOK_ENDPOINT).where(WEBHOOK_ENDPOINT.ID.eq(id)).execute() == 1;
    }

    /** The delivery's id, or empty when this message went to this endpoint already (an event told twice). */
    Optional<Long> insertDelivery(long endpointId, String messageId, WebhookEvent event, String payload) {
        return db.insertInto(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.ENDPOINT_ID, endpointId).set(WEBHOOK_DELIVERY.MESSAGE_ID, messageId)
                .set(WEBHOOK_DELIVERY.EVENT_TYPE, event.type()).set(WEBHOOK_DELIVERY.PAYLOAD, payload)
                .onConflictDoNothing()
                .returning(WEBHOOK_DELIVERY.ID).fetchOptional(WEBHOOK_DELIVERY.ID);
    }

    Optional<WebhookDelivery> delivery(long id) {
        return db.selectFrom(WEBHOOK_DELIVERY).where(WEBHOOK_DELIVERY.ID.eq(id)).fetchOptional(WebhookRows::delivery);
    }

    List<WebhookDelivery> deliveries(long endpointId, int limit) {
        return db.selectFrom(WEBHOOK_DELIVERY).where(WEBHOOK_DELIVERY.ENDPOINT_ID.eq(endpointId))
                .orderBy(WEBHOOK_DELIVERY.ID.desc()).limit(limit).fetch(WebhookRows::delivery);
    }

    /** Records one attempt; returns the attempts made so far. */
    int attempted(long id, String status, @org.jspecify.annotations.Nullable Integer httpStatus,
                  @org.jspecify.annotations.Nullable String excerpt, @org.jspecify.annotations.Nullable String error) {
        return db.update(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.STATUS, status)
                .set(WEBHOOK_DELIVERY.ATTEMPTS, WEBHOOK_DELIVERY.ATTEMPTS.plus(1))
                .set(WEBHOOK_DELIVERY.LAST_STATUS, httpStatus)
                .set(WEBHOOK_DELIVERY.LAST_EXCERPT, excerpt == null ? null
                        : excerpt.substring(0, Math.min(EXCERPT, excerpt.length())))
                .set(WEBHOOK_DELIVERY.LAST_ERROR, error)
                .set(WEBHOOK_DELIVERY.LAST_TRIED_AT, OffsetDateTime.now())
                .set(WEBHOOK_DELIVERY.DELIVERED_AT, "DELIVERED".equals(status) ? OffsetDateTime.now() : null)
                .where(WEBHOOK_DELIVERY.ID.eq(id))
                .returning(WEBHOOK_DELIVERY.ATTEMPTS).fetchSingle(WEBHOOK_DELIVERY.ATTEMPTS);
    }

    void markFailed(long id) {
        db.update(WEBHOOK_DELIVERY).set(WEBHOOK_DELIVERY.STATUS, "FAILED").where(WEBHOOK_DELIVERY.ID.eq(id)).execute();
    }

    void resetForRedelivery(long id) {
        db.update(WEBHOOK_DELIVERY).set(WEBHOOK_DELIVERY.STATUS, "PENDING").set(WEBHOOK_DELIVERY.ATTEMPTS, 0)
                .where(WEBHOOK_DELIVERY.ID.eq(id)).execute();
    }

    private static WebhookEndpoint endpoint(Record r) {
        return new WebhookEndpoint(r.get(WEBHOOK_ENDPOINT.ID), r.get(WEBHOOK_ENDPOINT.URL),
                r.get(WEBHOOK_ENDPOINT.DESCRIPTION), Arrays.stream(r.get(WEBHOOK_ENDPOINT.EVENTS))
                .flatMap(t -> WebhookEvent.ofType(t).stream()).toList(), r.get(WEBHOOK_ENDPOINT.ENABLED),
                r.get(WEBHOOK_ENDPOINT.CREATED_BY), r.get(WEBHOOK_ENDPOINT.CREATED_AT));
    }

    private static WebhookDelivery delivery(Record r) {
        return new WebhookDelivery(r.get(WEBHOOK_DELIVERY.ID), r.get(WEBHOOK_DELIVERY.ENDPOINT_ID),
                r.get(WEBHOOK_DELIVERY.MESSAGE_ID), r.get(WEBHOOK_DELIVERY.EVENT_TYPE), r.get(WEBHOOK_DELIVERY.PAYLOAD),
                r.get(WEBHOOK_DELIVERY.STATUS), r.get(WEBHOOK_DELIVERY.ATTEMPTS), r.get(WEBHOOK_DELIVERY.LAST_STATUS),
                r.get(WEBHOOK_DELIVERY.LAST_EXCERPT), r.get(WEBHOOK_DELIVERY.LAST_ERROR),
                r.get(WEBHOOK_DELIVERY.CREATED_AT), r.get(WEBHOOK_DELIVERY.LAST_TRIED_AT),
                r.get(WEBHOOK_DELIVERY.DELIVERED_AT));
    }
}
