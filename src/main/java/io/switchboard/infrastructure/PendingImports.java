package io.switchboard.infrastructure;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.types.DayToSecond;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import static org.jooq.impl.DSL.currentOffsetDateTime;

/**
 * Checked imports waiting for the operator's go, as JSON (secrets in it already sealed), kept {@link #KEPT} at
 * most, in a module's own table of the shape {@code (id UUID, created_by TEXT, created_at TIMESTAMPTZ, rows JSONB)}.
 */
public class PendingImports<R extends org.jooq.Record> {
    public static final Duration KEPT = Duration.ofHours(1);
    private final DSLContext db;
    private final Table<R> table;
    private final TableField<R, UUID> id;
    private final TableField<R, String> createdBy;
    private final TableField<R, OffsetDateTime> createdAt;
    private final TableField<R, JSONB> rows;

    public PendingImports(DSLContext db, Table<R> table, TableField<R, UUID> id, TableField<R, String> createdBy,
                          TableField<R, OffsetDateTime> createdAt, TableField<R, JSONB> rows) {
        this.db = db;
        this.table = table;
        this.id = id;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.rows = rows;
    }

    public void save(UUID importId, String by, String rowsJson) {
        db.insertInto(table).set(id, importId).set(createdBy, by).set(rows, JSONB.valueOf(rowsJson)).execute();
    }

    /** The import's rows, taken (deleted) so it is applied at most once; empty when unknown, someone else's or old. */
    public Optional<String> take(UUID importId, String by) {
        return db.deleteFrom(table)
                .where(id.eq(importId).and(createdBy.eq(by)).and(createdAt.gt(oldest())))
                .returning(rows).fetchOptional(r -> r.get(rows).data());
    }

    public int pruneOld() {
        return db.deleteFrom(table).where(createdAt.lt(oldest())).execute();
    }

    private static org.jooq.Field<OffsetDateTime> oldest() {
        return currentOffsetDateTime().minus(DayToSecond.valueOf(KEPT));
    }
}
