package io.switchboard.api;

import io.switchboard.identity.ApiKey;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.OffsetDateTime;
import java.util.function.Supplier;

import static switchboard.jooq.Tables.API_IDEMPOTENCY;

/**
 * {@code Idempotency-Key} on POSTs. The key's row is inserted ({@code ON CONFLICT DO NOTHING}) in the same
 * transaction as the work it guards and holds the answer when that commits. A replay, on this instance or any
 * other, either finds the committed row and gets the first answer again, or (if the first is still running) waits
 * on the row's unique index until the first commits and then reads it; if the first failed, nothing was stored
 * and the replay does the work. So a campaign or post is never made twice for one key.
 */
@Component
class Idempotency {
    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private final DSLContext db;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final ApiSettings settings;

    Idempotency(DSLContext db, TransactionTemplate transactions, JsonMapper json, ApiSettings settings) {
        this.db = db;
        this.transactions = transactions;
        this.json = json;
        this.settings = settings;
    }

    /**
     * @param fingerprint what the request asked (method, path, body digest): a key reused for another request is
     *                    refused rather than answered with another request's answer
     */
    ResponseEntity<?> once(@Nullable String idempotencyKey, String fingerprint, Supplier<ResponseEntity<?>> work) {
        if (idempotencyKey == null) {
            return work.get();
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 255) {
            throw new ApiProblem(400, HEADER, "Give the Idempotency-Key 1 to 255 characters, such as a UUID.");
        }
        ApiKey key = ApiCaller.current();
        return transactions.execute(status -> {
            boolean claimed = db.insertInto(API_IDEMPOTENCY)
                    .set(API_IDEMPOTENCY.KEY_ID, key.id())
                    .set(API_IDEMPOTENCY.IDEMPOTENCY_KEY, idempotencyKey)
                    .set(API_IDEMPOTENCY.FINGERPRINT, fingerprint)
                    .set(API_IDEMPOTENCY.STATUS, 0)
                    .set(API_IDEMPOTENCY.BODY, "")
                    .onConflictDoNothing()
                    .execute() == 1;
            if (!claimed) {
                return replay(key, idempotencyKey, fingerprint);
            }
            ResponseEntity<?> answer = work.get();
            String location = answer.getHeaders().getFirst(HttpHeaders.LOCATION);
            db.update(API_IDEMPOTENCY)
                    .set(API_IDEMPOTENCY.STATUS, answer.getStatusCode().value())
                    .set(API_IDEMPOTENCY.LOCATION, location)
                    .set(API_IDEMPOTENCY.BODY, answer.getBody() == null ? "" : json.writeValueAsString(answer.getBody()))
                    .where(API_IDEMPOTENCY.KEY_ID.eq(key.id()))
                    .and(API_IDEMPOTENCY.IDEMPOTENCY_KEY.eq(idempotencyKey))
                    .execute();
            return answer;
        });
    }

    private ResponseEntity<?> replay(ApiKey key, String idempotencyKey, String fingerprint) {
        var first = db.selectFrom(API_IDEMPOTENCY)
                .where(API_IDEMPOTENCY.KEY_ID.eq(key.id()))
                .and(API_IDEMPOTENCY.IDEMPOTENCY_KEY.eq(idempotencyKey))
                .fetchSingle();
        if (!first.getFingerprint().equals(fingerprint)) {
            throw new ApiProblem(422, HEADER, "This Idempotency-Key was used for another request ("
                    + first.getFingerprint().split(" ", 3)[0] + " " + first.getFingerprint().split(" ", 3)[1]
                    + "); use a new key for a new request.");
        }
        var answer = ResponseEntity.status(first.getStatus()).header(REPLAYED, "true");
        if (first.getLocation() != null) {
            answer.header(HttpHeaders.LOCATION, first.getLocation());
        }
        return first.getBody().isEmpty() ? answer.build()
                : answer.contentType(MediaType.APPLICATION_JSON).body(first.getBody());
    }

    /** Forgets answers older than the retention; replays after that do the work again. */
    int prune() {
        return db.deleteFrom(API_IDEMPOTENCY)
                .where(API_IDEMPOTENCY.CREATED_AT.lt(OffsetDateTime.now().minus(settings.idempotencyRetention())))
                .execute();
    }
}
