package io.switchboard.sandbox;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;
import static switchboard.jooq.Tables.SANDBOX_FAULT;
import static switchboard.jooq.Tables.SANDBOX_SETTING;
import static switchboard.jooq.Tables.SANDBOX_USAGE;
import static switchboard.jooq.Tables.SANDBOX_USAGE_FLOOR;

/** The sandbox's runtime behaviour: settings, injected faults, usage floors, and the calls it counted. */
@Repository
class BehaviourStore {
    static final long APP_SCOPE = 0;
    private final DSLContext db;

    BehaviourStore(DSLContext db) {
        this.db = db;
    }

    SandboxSettings settings() {
        return db.selectFrom(SANDBOX_SETTING).fetchSingle(r -> new SandboxSettings(
                Duration.ofMillis(r.getLatencyMs()), Duration.ofMillis(r.getProcessingDelayMs()),
                r.getPublishQuota(), r.getHourlyCallBudget(), r.getUpdatedAt(), r.getUpdatedBy()));
    }

    /** The sandbox's generated app secret (the same on every instance). */
    String clientSecret() {
        return db.select(SANDBOX_SETTING.CLIENT_SECRET).from(SANDBOX_SETTING).fetchSingle(SANDBOX_SETTING.CLIENT_SECRET);
    }

    void update(Duration latency, Duration processingDelay, int publishQuota, int hourlyCallBudget, String actor) {
        db.update(SANDBOX_SETTING)
                .set(SANDBOX_SETTING.LATENCY_MS, (int) latency.toMillis())
                .set(SANDBOX_SETTING.PROCESSING_DELAY_MS, (int) processingDelay.toMillis())
                .set(SANDBOX_SETTING.PUBLISH_QUOTA, publishQuota)
                .set(SANDBOX_SETTING.HOURLY_CALL_BUDGET, hourlyCallBudget)
                .set(SANDBOX_SETTING.UPDATED_AT, currentOffsetDateTime())
                .set(SANDBOX_SETTING.UPDATED_BY, actor)
                .execute();
    }

    List<Fault> faults() {
        return db.selectFrom(SANDBOX_FAULT)
                .where(SANDBOX_FAULT.REMAINING.isNull().or(SANDBOX_FAULT.REMAINING.gt(0)))
                .orderBy(SANDBOX_FAULT.ID)
                .fetch(r -> new Fault(r.getId(), r.getCode(), r.getSubcode(), r.getCall(), r.getAccountId(),
                        r.getRate(), r.getRemaining()));
    }

    long addFault(int code, @Nullable Integer subcode, String call, @Nullable Long accountId, double rate,
                  @Nullable Integer remaining) {
        return db.insertInto(SANDBOX_FAULT)
                .set(SANDBOX_FAULT.CODE, code).set(SANDBOX_FAULT.SUBCODE, subcode)
                .set(SANDBOX_FAULT.CALL, call).set(SANDBOX_FAULT.ACCOUNT_ID, accountId)
                .set(SANDBOX_FAULT.RATE, rate).set(SANDBOX_FAULT.REMAINING, remaining)
                .returning(SANDBOX_FAULT.ID).fetchSingle(SANDBOX_FAULT.ID);
    }

    void removeFault(long id) {
        db.deleteFrom(SANDBOX_FAULT).where(SANDBOX_FAULT.ID.eq(id)).execute();
    }

    void clear() {
        db.deleteFrom(SANDBOX_FAULT).execute();
        db.deleteFrom(SANDBOX_USAGE_FLOOR).execute();
    }

    /**
     * The first fault that strikes this call, used up by one: rolled per matching fault at its rate; a fault
     * with a count is decremented in the same statement, so two instances never spend the same one twice.
     */
    Optional<Fault> strike(String call, @Nullable Long accountId) {
        var matching = SANDBOX_FAULT.CALL.in(call, "any")
                .and(accountId == null ? SANDBOX_FAULT.ACCOUNT_ID.isNull()
                        : SANDBOX_FAULT.ACCOUNT_ID.isNull().or(SANDBOX_FAULT.ACCOUNT_ID.eq(accountId)))
                .and(SANDBOX_FAULT.REMAINING.isNull().or(SANDBOX_FAULT.REMAINING.gt(0)));
        for (var r : db.selectFrom(SANDBOX_FAULT).where(matching).orderBy(SANDBOX_FAULT.ID).fetch()) {
            if (ThreadLocalRandom.current().nextDouble() >= r.getRate()) {
                continue;
            }
            boolean spent = r.getRemaining() == null || db.update(SANDBOX_FAULT)
                    .set(SANDBOX_FAULT.REMAINING, SANDBOX_FAULT.REMAINING.minus(1))
                    .where(SANDBOX_FAULT.ID.eq(r.getId()).and(SANDBOX_FAULT.REMAINING.gt(0))).execute() == 1;
            if (spent) {
                return Optional.of(new Fault(r.getId(), r.getCode(), r.getSubcode(), r.getCall(), r.getAccountId(),
                        r.getRate(), r.getRemaining()));
            }
        }
        return Optional.empty();
    }

    List<UsageFloor> floors() {
        return db.selectFrom(SANDBOX_USAGE_FLOOR).orderBy(SANDBOX_USAGE_FLOOR.SCOPE)
                .fetch(r -> new UsageFloor(r.getScope(), r.getPercent(), r.getRegainMinutes()));
    }

    void setFloor(String scope, int percent, int regainMinutes) {
        if (percent == 0) {
            db.deleteFrom(SANDBOX_USAGE_FLOOR).where(SANDBOX_USAGE_FLOOR.SCOPE.eq(scope)).execute();
            return;
        }
        db.insertInto(SANDBOX_USAGE_FLOOR)
                .set(SANDBOX_USAGE_FLOOR.SCOPE, scope).set(SANDBOX_USAGE_FLOOR.PERCENT, percent)
                .set(SANDBOX_USAGE_FLOOR.REGAIN_MINUTES, regainMinutes)
                .onConflict(SANDBOX_USAGE_FLOOR.SCOPE).doUpdate()
                .set(SANDBOX_USAGE_FLOOR.PERCENT, percent).set(SANDBOX_USAGE_FLOOR.REGAIN_MINUTES, regainMinutes)
                .execute();
    }

    /**
     * Counts a call for the scope (an account id, or {@link #APP_SCOPE}) in the current minute and returns the calls
     * counted for it within the last hour, this one included: one statement, as every sandbox call makes it twice.
     */
    long countCall(long scope) {
        return db.fetchSingle("""
                WITH counted AS (
                    INSERT INTO sandbox_usage (scope, minute, calls) VALUES ({0}, date_trunc('minute', current_timestamp), 1)
                    ON CONFLICT (scope, minute) DO UPDATE SET calls = sandbox_usage.calls + 1
                    RETURNING minute, calls)
                SELECT counted.calls + coalesce((SELECT sum(u.calls) FROM sandbox_usage u WHERE u.scope = {0}
                    AND u.minute > current_timestamp - interval '1 hour' AND u.minute <> counted.minute), 0)
                FROM counted""", val(scope)).get(0, Long.class);
    }

    /** Calls counted for the scope within the last hour. */
    long callsInLastHour(long scope) {
        return db.select(coalesce(sum(SANDBOX_USAGE.CALLS), inline(java.math.BigDecimal.ZERO))).from(SANDBOX_USAGE)
                .where(SANDBOX_USAGE.SCOPE.eq(scope)
                        .and(SANDBOX_USAGE.MINUTE.gt(currentOffsetDateTime().minus(
                                org.jooq.types.DayToSecond.valueOf(Duration.ofHours(1))))))
                .fetchSingle().value1().longValue();
    }

    /** Forgets counts older than a day; returns how many minutes were dropped. */
    int pruneUsage() {
        return db.deleteFrom(SANDBOX_USAGE).where(SANDBOX_USAGE.MINUTE.lt(currentOffsetDateTime().minus(
                org.jooq.types.DayToSecond.valueOf(Duration.ofDays(1))))).execute();
    }
}
