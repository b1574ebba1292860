package io.switchboard.accounts;

import io.switchboard.infrastructure.PendingImports;
import io.switchboard.infrastructure.SecretBox;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import java.util.Optional;
import java.util.UUID;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static switchboard.jooq.Tables.ACCOUNT_IMPORT_CHECK;

/** Imports being checked: the sealed file until its task reads it, then the outcome as JSON. */
@Repository
class ImportChecks {
    private final DSLContext db;

    ImportChecks(DSLContext db) {
        this.db = db;
    }

    /** What the task needs and what the page shows. */
    record Stored(UUID id, String createdBy, @Nullable Long taskId, SecretBox.@Nullable Sealed source,
                  @Nullable String previewJson) {
    }

    void insert(UUID id, String createdBy, SecretBox.Sealed source) {
        db.insertInto(ACCOUNT_IMPORT_CHECK)
                .set(ACCOUNT_IMPORT_CHECK.ID, id)
                .set(ACCOUNT_IMPORT_CHECK.CREATED_BY, createdBy)
                .set(ACCOUNT_IMPORT_CHECK.SOURCE_KEY_ID, source.keyId())
                .set(ACCOUNT_IMPORT_CHECK.SOURCE, source.bytes())
                .execute();
    }

    void task(UUID id, long taskId) {
        db.update(ACCOUNT_IMPORT_CHECK).set(ACCOUNT_IMPORT_CHECK.TASK_ID, taskId)
                .where(ACCOUNT_IMPORT_CHECK.ID.eq(id)).execute();
    }

    Optional<Stored> find(UUID id) {
        return db.selectFrom(ACCOUNT_IMPORT_CHECK)
                .where(ACCOUNT_IMPORT_CHECK.ID.eq(id).and(ACCOUNT_IMPORT_CHECK.CREATED_AT.gt(oldest())))
                .fetchOptional(r -> new Stored(r.getId(), r.getCreatedBy(), r.getTaskId(),
                        r.getSource() == null ? null : new SecretBox.Sealed(r.getSourceKeyId(), r.getSource()),
                        r.getPreview() == null ? null : r.getPreview().data()));
    }

    /** Stores the outcome and drops the file. */
    void checked(UUID id, String previewJson) {
        db.update(ACCOUNT_IMPORT_CHECK)
                .set(ACCOUNT_IMPORT_CHECK.PREVIEW, JSONB.valueOf(previewJson))
                .setNull(ACCOUNT_IMPORT_CHECK.SOURCE)
                .setNull(ACCOUNT_IMPORT_CHECK.SOURCE_KEY_ID)
                .where(ACCOUNT_IMPORT_CHECK.ID.eq(id)).execute();
    }

    int pruneOld() {
        return db.deleteFrom(ACCOUNT_IMPORT_CHECK).where(ACCOUNT_IMPORT_CHECK.CREATED_AT.lt(oldest())).execute();
    }

    private static org.jooq.Field<java.time.OffsetDateTime> oldest() {
        return currentOffsetDateTime().minus(org.jooq.types.DayToSecond.valueOf(PendingImports.KEPT));
    }
}
