package io.switchboard.identity;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static switchboard.jooq.Tables.API_KEY;

/** The stored API keys: only each secret's hash. */
@Repository
class ApiKeyRows {
    private final DSLContext db;

    ApiKeyRows(DSLContext db) {
        this.db = db;
    }

    long insert(String name, String prefix, String secretHash, ApiScope scope, int requestsPerMinute, String createdBy,
                @Nullable OffsetDateTime expiresAt) {
        return db.insertInto(API_KEY)
                .set(API_KEY.NAME, name)
                .set(API_KEY.PREFIX, prefix)
                .set(API_KEY.SECRET_HASH, secretHash)
                .set(API_KEY.SCOPE, scope.name())
                .set(API_KEY.REQUESTS_PER_MINUTE, requestsPerMinute)
                .set(API_KEY.CREATED_BY, createdBy)
                .set(API_KEY.EXPIRES_AT, expiresAt)
                .returning(API_KEY.ID).fetchSingle(API_KEY.ID);
    }

    boolean liveNameTaken(String name) {
        return db.fetchExists(API_KEY, API_KEY.REVOKED_AT.isNull().and(API_KEY.NAME.lower().eq(name.toLowerCase())));
    }

    List<ApiKey> all() {
        return db.selectFrom(API_KEY).orderBy(API_KEY.REVOKED_AT.isNotNull(), API_KEY.CREATED_AT.desc())
                .fetch(ApiKeyRows::key);
    }

    Optional<ApiKey> find(long id) {
        return db.selectFrom(API_KEY).where(API_KEY.ID.eq(id)).fetchOptional(ApiKeyRows::key);
    }

    /** The key with this secret hash, marking it used (at most once a minute, so reads stay cheap). */
    Optional<ApiKey> byHash(String secretHash) {
        Optional<ApiKey> key = db.selectFrom(API_KEY).where(API_KEY.SECRET_HASH.eq(secretHash))
                .fetchOptional(ApiKeyRows::key);
        key.ifPresent(k -> db.update(API_KEY).set(API_KEY.LAST_USED_AT, OffsetDateTime.now())
                .where(API_KEY.ID.eq(k.id()))
                .and(API_KEY.LAST_USED_AT.isNull().or(API_KEY.LAST_USED_AT.lt(OffsetDateTime.now().minusMinutes(1))))
                .execute());
        return key;
    }

    boolean revoke(long id, String by) {
        return db.update(API_KEY).set(API_KEY.REVOKED_AT, OffsetDateTime.now()).set(API_KEY.REVOKED_BY, by)
                .where(API_KEY.ID.eq(id)).and(API_KEY.REVOKED_AT.isNull()).execute() == 1;
    }

    private static ApiKey key(Record r) {
        return new ApiKey(r.get(API_KEY.ID), r.get(API_KEY.NAME), r.get(API_KEY.PREFIX),
                ApiScope.valueOf(r.get(API_KEY.SCOPE)), r.get(API_KEY.REQUESTS_PER_MINUTE), r.get(API_KEY.CREATED_BY),
                r.get(API_KEY.CREATED_AT), r.get(API_KEY.EXPIRES_AT), r.get(API_KEY.REVOKED_AT),
                r.get(API_KEY.REVOKED_BY), r.get(API_KEY.LAST_USED_AT));
    }
}
