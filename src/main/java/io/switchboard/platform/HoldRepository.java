package io.switchboard.platform;

import org.jooq.DSLContext;
import org.jooq.types.DayToSecond;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.when;
import static switchboard.jooq.Tables.PLATFORM_HOLD;

/** Hold-offs in PostgreSQL, on the database clock, so every instance sees and respects the same ones. */
@Repository
class HoldRepository {
    private final DSLContext db;

    HoldRepository(DSLContext db) {
        this.db = db;
    }

    /** The hold in force the longest among these scopes, if any. */
    Optional<Hold> inForce(Collection<String> scopes) {
        return db.selectFrom(PLATFORM_HOLD)
                .where(PLATFORM_HOLD.SCOPE.in(scopes).and(PLATFORM_HOLD.UNTIL.gt(currentOffsetDateTime())))
                .orderBy(PLATFORM_HOLD.UNTIL.desc()).limit(1)
                .fetchOptional(r -> new Hold(r.getScope(), r.getUntil().toInstant(), r.getReason()));
    }

    /** Holds the scope for this long from now, keeping a later hold already in force. */
    Hold hold(String scope, Duration duration, String reason) {
        var until = currentOffsetDateTime().plus(DayToSecond.valueOf(duration));
        return db.insertInto(PLATFORM_HOLD)
                .set(PLATFORM_HOLD.SCOPE, scope)
                .set(PLATFORM_HOLD.UNTIL, until)
                .set(PLATFORM_HOLD.REASON, reason)
                .onConflict(PLATFORM_HOLD.SCOPE).doUpdate()
                .set(PLATFORM_HOLD.REASON, when(PLATFORM_HOLD.UNTIL.lt(until), reason)
                        .otherwise(PLATFORM_HOLD.REASON))
                .set(PLATFORM_HOLD.UNTIL, greatest(PLATFORM_HOLD.UNTIL, until))
                .set(PLATFORM_HOLD.CREATED_AT, currentOffsetDateTime())
                .returning()
                .fetchOne(r -> new Hold(r.getScope(), r.getUntil().toInstant(), r.getReason()));
    }
}
