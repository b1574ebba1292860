package io.switchboard.identity;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.util.Optional;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.when;
import static switchboard.jooq.Tables.LOGIN_THROTTLE;

/**
 * Counts failed sign-ins per username in PostgreSQL, so every instance sees the same count, and locks the
 * username for a while after too many in a row. Times come from the database clock.
 */
@Component
class LoginThrottle {
    private final DSLContext db;
    private final IdentitySettings settings;

    LoginThrottle(DSLContext db, IdentitySettings settings) {
        this.db = db;
        this.settings = settings;
    }

    /** How long the username stays locked, if it is. */
    Optional<Duration> lockedFor(String username) {
        return db.select(DSL.field("extract(epoch from ({0} - now()))", Double.class, LOGIN_THROTTLE.LOCKED_UNTIL))
                .from(LOGIN_THROTTLE)
                .where(LOGIN_THROTTLE.USERNAME.eq(username).and(LOGIN_THROTTLE.LOCKED_UNTIL.gt(currentOffsetDateTime())))
                .fetchOptional(r -> Duration.ofMillis(Math.round(r.value1() * 1000)));
    }

    /** Records a failure; returns the lock it caused, if this failure was one too many. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    Optional<Duration> recordFailure(String username) {
        var window = DSL.field("{0} - make_interval(secs => {1})", java.time.OffsetDateTime.class,
                currentOffsetDateTime(), inline(settings.lockDuration().toSeconds()));
        int failures = db.insertInto(LOGIN_THROTTLE)
                .set(LOGIN_THROTTLE.USERNAME, username)
                .set(LOGIN_THROTTLE.FAILURES, 1)
                .onConflict(LOGIN_THROTTLE.USERNAME).doUpdate()
                .set(LOGIN_THROTTLE.FAILURES, when(LOGIN_THROTTLE.LAST_FAILURE_AT.lt(window), inline(1))
                        .otherwise(LOGIN_THROTTLE.FAILURES.plus(1)))
                .set(LOGIN_THROTTLE.LAST_FAILURE_AT, currentOffsetDateTime())
                .returning(LOGIN_THROTTLE.FAILURES)
                .fetchSingle(LOGIN_THROTTLE.FAILURES);
        if (failures < settings.maxFailedLogins()) {
            return Optional.empty();
        }
        db.update(LOGIN_THROTTLE)
                .set(LOGIN_THROTTLE.LOCKED_UNTIL, DSL.field("now() + make_interval(secs => {0})",
                        java.time.OffsetDateTime.class, inline(settings.lockDuration().toSeconds())))
                .set(LOGIN_THROTTLE.FAILURES, 0)
                .where(LOGIN_THROTTLE.USERNAME.eq(username))
                .execute();
        return Optional.of(settings.lockDuration());
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void reset(String username) {
        db.deleteFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.USERNAME.eq(username)).execute();
    }
}
