package io.switchboard.accounts;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.types.DayToSecond;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static switchboard.jooq.Tables.ACCOUNT_IMPORT;

/** Checked imports waiting for the operator's go, as JSON with the tokens sealed; kept an hour at most. */
@Repository
class ImportRepository {
    static final Duration KEPT = Duration.ofHours(1);
    private final DSLContext db;

    ImportRepository(DSLContext db) {
        this.db = db;
    }

    void save(UUID id, String createdBy, String rowsJson) {
        db.insertInto(ACCOUNT_IMPORT).set(ACCOUNT_IMPORT.ID, id).set(ACCOUNT_IMPORT.CREATED_BY, createdBy)
                .set(ACCOUNT_IMPORT.ROWS, JSONB.valueOf(rowsJson)).execute();
    }

    /** The import's rows, taken (deleted) so it is applied at most once; empty when unknown or too old. */
    Optional<String> take(UUID id, String createdBy) {
        return db.deleteFrom(ACCOUNT_IMPORT)
                .where(ACCOUNT_IMPORT.ID.eq(id).and(ACCOUNT_IMPORT.CREATED_BY.eq(createdBy))
                        .and(ACCOUNT_IMPORT.CREATED_AT.gt(currentOffsetDateTime().minus(DayToSecond.valueOf(KEPT)))))
                .returning(ACCOUNT_IMPORT.ROWS).fetchOptional(r -> r.getRows().data());
    }

    int pruneOld() {
        return db.deleteFrom(ACCOUNT_IMPORT)
                .where(ACCOUNT_IMPORT.CREATED_AT.lt(currentOffsetDateTime().minus(DayToSecond.valueOf(KEPT)))).execute();
    }
}
