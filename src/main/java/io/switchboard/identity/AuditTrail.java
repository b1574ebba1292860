package io.switchboard.identity;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.util.List;

import static switchboard.jooq.Tables.AUDIT_EVENT;

/** Who changed what, newest first. */
@Component
public class AuditTrail {
    private final DSLContext db;

    AuditTrail(DSLContext db) {
        this.db = db;
    }

    void record(String actor, String action, @Nullable String target, @Nullable String detail) {
        db.insertInto(AUDIT_EVENT)
                .set(AUDIT_EVENT.ACTOR, actor)
                .set(AUDIT_EVENT.ACTION, action)
                .set(AUDIT_EVENT.TARGET, target)
                .set(AUDIT_EVENT.DETAIL, detail)
                .execute();
    }

    public List<AuditEvent> latest(int limit) {
        return db.selectFrom(AUDIT_EVENT).orderBy(AUDIT_EVENT.AT.desc(), AUDIT_EVENT.ID.desc()).limit(limit)
                .fetch(r -> new AuditEvent(r.getAt(), r.getActor(), r.getAction(), r.getTarget(), r.getDetail()));
    }
}
