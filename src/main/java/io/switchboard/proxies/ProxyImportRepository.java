package io.switchboard.proxies;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.types.DayToSecond;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static switchboard.jooq.Tables.PROXY_IMPORT;

/** Checked imports waiting for the operator's go, as JSON with the passwords sealed; kept an hour at most. */
@Repository
class ProxyImportRepository {
    static final Duration KEPT = Duration.ofHours(1);
    private final DSLContext db;

    ProxyImportRepository(DSLContext db) {
        this.db = db;
    }

    void save(UUID id, String createdBy, String rowsJson) {
        db.insertInto(PROXY_IMPORT).set(PROXY_IMPORT.ID, id).set(PROXY_IMPORT.CREATED_BY, createdBy)
                .set(PROXY_IMPORT.ROWS, JSONB.valueOf(rowsJson)).execute();
    }

    /** The import's rows, taken (deleted) so it is applied at most once; empty when unknown, someone else's or old. */
    Optional<String> take(UUID id, String createdBy) {
        return db.deleteFrom(PROXY_IMPORT)
                .where(PROXY_IMPORT.ID.eq(id).and(PROXY_IMPORT.CREATED_BY.eq(createdBy))
                        .and(PROXY_IMPORT.CREATED_AT.gt(currentOffsetDateTime().minus(DayToSecond.valueOf(KEPT)))))
                .returning(PROXY_IMPORT.ROWS).fetchOptional(r -> r.getRows().data());
    }

    int pruneOld() {
        return db.deleteFrom(PROXY_IMPORT)
                .where(PROXY_IMPORT.CREATED_AT.lt(currentOffsetDateTime().minus(DayToSecond.valueOf(KEPT)))).execute();
    }
}
