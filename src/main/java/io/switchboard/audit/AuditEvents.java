package io.switchboard.audit;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static switchboard.jooq.Tables.AUDIT_EVENT;

/** The audit_event table: appended to, read newest first by id, pruned past the retention. */
@Repository
class AuditEvents {
    private static final TypeReference<Map<String, Change>> CHANGES = new TypeReference<>() {
    };
    private final DSLContext db;
    private final JsonMapper json;

    AuditEvents(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    void append(String actor, @Nullable String source, AuditRecord record) {
        db.insertInto(AUDIT_EVENT)
                .set(AUDIT_EVENT.ACTOR, actor)
                .set(AUDIT_EVENT.SOURCE, source)
                .set(AUDIT_EVENT.ACTION, record.action())
                .set(AUDIT_EVENT.OBJECT_TYPE, record.objectType())
                .set(AUDIT_EVENT.OBJECT_ID, record.objectId())
                .set(AUDIT_EVENT.TARGET, record.target())
                .set(AUDIT_EVENT.DETAIL, record.detail())
                .set(AUDIT_EVENT.CHANGES, record.changes().isEmpty() ? null
                        : JSONB.jsonb(json.writeValueAsString(record.changes())))
                .execute();
    }

    List<AuditEntry> page(AuditFilter filter, @Nullable Long before, int limit) {
        List<Condition> where = conditions(filter);
        if (before != null) {
            where.add(AUDIT_EVENT.ID.lt(before));
        }
        return db.selectFrom(AUDIT_EVENT).where(where).orderBy(AUDIT_EVENT.ID.desc()).limit(limit).fetch(this::entry);
    }

    /** Every entry of the filter, newest first, at most {@code cap}, streamed. */
    void each(AuditFilter filter, int cap, Consumer<AuditEntry> consumer) {
        try (var cursor = db.selectFrom(AUDIT_EVENT).where(conditions(filter)).orderBy(AUDIT_EVENT.ID.desc())
                .limit(cap).fetchSize(500).fetchLazy()) {
            cursor.forEach(r -> consumer.accept(entry(r)));
        }
    }

    /** Deletes entries older than the retention; the trigger lets only this through (see V90). */
    int prune(Duration retention) {
        return db.transactionResult(tx -> {
            DSLContext in = tx.dsl();
            String kept = retention.toSeconds() + " seconds";
            in.fetch("SELECT set_config('switchboard.audit_retention', ?, true)", kept);
            return in.deleteFrom(AUDIT_EVENT).where(DSL.condition("at < now() - ?::interval", kept)).execute();
        });
    }

    private static List<Condition> conditions(AuditFilter filter) {
        List<Condition> where = new ArrayList<>();
        if (filter.actor() != null) {
            where.add(AUDIT_EVENT.ACTOR.eq(filter.actor()));
        }
        if (filter.objectType() != null) {
            where.add(AUDIT_EVENT.OBJECT_TYPE.eq(filter.objectType()));
        }
        if (filter.objectId() != null) {
            where.add(AUDIT_EVENT.OBJECT_ID.eq(filter.objectId()));
        }
        if (filter.action() != null) {
            where.add(AUDIT_EVENT.ACTION.eq(filter.action()));
        }
        if (filter.from() != null) {
            where.add(AUDIT_EVENT.AT.ge(filter.from().atOffset(ZoneOffset.UTC)));
        }
        if (filter.until() != null) {
            where.add(AUDIT_EVENT.AT.lt(filter.until().atOffset(ZoneOffset.UTC)));
        }
        return where;
    }

    private AuditEntry entry(Record r) {
        var e = r.into(AUDIT_EVENT);
        Map<String, Change> changes = e.getChanges() == null ? Map.of() : json.readValue(e.getChanges().data(), CHANGES);
        return new AuditEntry(e.getId(), e.getAt(), e.getActor(), e.getSource(), e.getAction(), e.getObjectType(),
                e.getObjectId(), e.getTarget(), e.getDetail(), changes);
    }
}
