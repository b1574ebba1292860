package io.switchboard.sandbox;

import com.github.benmanes.caffeine.cache.LoadingCache;
import io.switchboard.infrastructure.RecentReads;
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
    /** The settings, read again in the background at most once a second; callers never wait for that read. */
    private final LoadingCache<Boolean, SandboxSettings> recentSettings;

    BehaviourStore(DSLContext db) {
        this.db = db;
        this.recentSettings = RecentReads.cache().build(any -> settings());
    }

    /**
     * {@link #settings()} read at most once a second on this instance (a change made here is seen at once, one made
     * on another instance within a second): for the latency every call waits, not for what must be exact (the
     * publishing quota, the processing delay of a new container, the call budget).
     */
    SandboxSettings recentSettings() {
        return recentSettings.get(true);
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
        recentSettings.invalidateAll();
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
     * What the gate learns when it counts a call, in one statement: the app's calls within the last hour, the
     * account's (null when the call had no account, or when the app was throttled, in which case it was not counted
     * for the account), the hourly call budget of an account, the usage floors of the app, of every account and of
     * this account, and whether any live fault matches the call (then {@link #strike} rolls for them).
     */
    record Counted(long appCalls, @Nullable Long accountCalls, int hourlyCallBudget, List<UsageFloor> floors,
                   boolean faults) {
    }

    /**
     * Counts the call for the app, and for the account unless the app's calls or floor reach its budget
     * ({@code hourlyCallBudget × accounts}): counted for both scopes, with the floors, the budget and the
     * faults read in the same statement (the statement a sandbox call makes besides its token).
     */
    Counted count(String call, @Nullable Long accountId, int accounts) {
        var r = db.fetchSingle("""
                WITH app AS (
                    INSERT INTO sandbox_usage (scope, minute, calls) VALUES (0, date_trunc('minute', current_timestamp), 1)
                    ON CONFLICT (scope, minute) DO UPDATE SET calls = sandbox_usage.calls + 1
                    RETURNING minute, calls),
                app_total AS (
                    SELECT app.calls + coalesce((SELECT sum(u.calls) FROM sandbox_usage u WHERE u.scope = 0
                        AND u.minute > current_timestamp - interval '1 hour' AND u.minute <> app.minute), 0) AS calls
                    FROM app),
                budget AS (SELECT hourly_call_budget FROM sandbox_setting),
                floors AS (SELECT scope, percent, regain_minutes FROM sandbox_usage_floor
                    WHERE scope IN ('app', 'accounts', {1}::bigint::text)),
                account AS (
                    INSERT INTO sandbox_usage (scope, minute, calls)
                    SELECT {1}::bigint, date_trunc('minute', current_timestamp), 1
                    WHERE {1}::bigint IS NOT NULL
                      AND (SELECT calls FROM app_total) < (SELECT hourly_call_budget FROM budget)::bigint * {2}
                      AND coalesce((SELECT percent FROM floors WHERE scope = 'app'), 0) < 100
                    ON CONFLICT (scope, minute) DO UPDATE SET calls = sandbox_usage.calls + 1
                    RETURNING minute, calls)
                SELECT (SELECT calls FROM app_total),
                    (SELECT account.calls + coalesce((SELECT sum(u.calls) FROM sandbox_usage u WHERE u.scope = {1}::bigint
                        AND u.minute > current_timestamp - interval '1 hour' AND u.minute <> account.minute), 0)
                     FROM account),
                    (SELECT hourly_call_budget FROM budget),
                    (SELECT array_agg(scope ORDER BY scope) FROM floors),
                    (SELECT array_agg(percent ORDER BY scope) FROM floors),
                    (SELECT array_agg(regain_minutes ORDER BY scope) FROM floors),
                    EXISTS (SELECT 1 FROM sandbox_fault f WHERE f.call IN ({0}, 'any')
                        AND (f.account_id IS NULL OR f.account_id = {1}::bigint)
                        AND (f.remaining IS NULL OR f.remaining > 0))""",
                val(call), val(accountId, Long.class), val(Math.max(1, accounts)));
        String[] scopes = r.get(3, String[].class);
        Integer[] percents = r.get(4, Integer[].class);
        Integer[] regains = r.get(5, Integer[].class);
        List<UsageFloor> floors = new java.util.ArrayList<>();
        for (int i = 0; scopes != null && i < scopes.length; i++) {
            floors.add(new UsageFloor(scopes[i], percents[i], regains[i]));
        }
        return new Counted(r.get(0, Long.class), r.get(1, Long.class), r.get(2, Integer.class), floors,
                r.get(6, Boolean.class));
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
