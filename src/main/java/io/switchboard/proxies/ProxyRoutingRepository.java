package io.switchboard.proxies;

import org.jooq.DSLContext;
import org.jooq.types.DayToSecond;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static switchboard.jooq.Tables.PROXY_ASSIGNMENT;
import static switchboard.jooq.Tables.PROXY_ROUTING;

/** Which account goes through which proxy, the default proxy, and the version that tells instances routes changed. */
@Repository
class ProxyRoutingRepository {
    private final DSLContext db;

    ProxyRoutingRepository(DSLContext db) {
        this.db = db;
    }

    long version() {
        return db.select(PROXY_ROUTING.VERSION).from(PROXY_ROUTING).fetchSingle(PROXY_ROUTING.VERSION);
    }

    /** Every instance reloads its routes on its next check. Call in the transaction that changed them. */
    void bump() {
        db.update(PROXY_ROUTING).set(PROXY_ROUTING.VERSION, PROXY_ROUTING.VERSION.plus(1)).execute();
    }

    Optional<Long> defaultProxy() {
        return db.select(PROXY_ROUTING.DEFAULT_PROXY_ID).from(PROXY_ROUTING).fetchOptional(PROXY_ROUTING.DEFAULT_PROXY_ID);
    }

    void setDefault(@Nullable Long proxyId, String actor) {
        db.update(PROXY_ROUTING).set(PROXY_ROUTING.DEFAULT_PROXY_ID, proxyId).set(PROXY_ROUTING.UPDATED_BY, actor)
                .set(PROXY_ROUTING.UPDATED_AT, currentOffsetDateTime()).execute();
    }

    Map<Long, Long> assignments() {
        Map<Long, Long> proxyByAccount = new HashMap<>();
        db.select(PROXY_ASSIGNMENT.ACCOUNT_ID, PROXY_ASSIGNMENT.PROXY_ID).from(PROXY_ASSIGNMENT)
                .forEach(r -> proxyByAccount.put(r.value1(), r.value2()));
        return proxyByAccount;
    }

    Optional<Long> proxyOf(long accountId) {
        return db.select(PROXY_ASSIGNMENT.PROXY_ID).from(PROXY_ASSIGNMENT).where(PROXY_ASSIGNMENT.ACCOUNT_ID.eq(accountId))
                .fetchOptional(PROXY_ASSIGNMENT.PROXY_ID);
    }

    int assignedCount() {
        return db.fetchCount(PROXY_ASSIGNMENT);
    }

    List<Long> accountsOf(long proxyId) {
        return db.select(PROXY_ASSIGNMENT.ACCOUNT_ID).from(PROXY_ASSIGNMENT).where(PROXY_ASSIGNMENT.PROXY_ID.eq(proxyId))
                .orderBy(PROXY_ASSIGNMENT.ACCOUNT_ID).fetch(PROXY_ASSIGNMENT.ACCOUNT_ID);
    }

    /** Assigns each account to the proxy (moving it from another one); returns how many changed. */
    int assign(Collection<Long> accountIds, long proxyId, String actor) {
        var insert = db.insertInto(PROXY_ASSIGNMENT, PROXY_ASSIGNMENT.ACCOUNT_ID, PROXY_ASSIGNMENT.PROXY_ID,
                PROXY_ASSIGNMENT.ASSIGNED_BY);
        for (long accountId : accountIds) {
            insert = insert.values(accountId, proxyId, actor);
        }
        return insert.onConflict(PROXY_ASSIGNMENT.ACCOUNT_ID).doUpdate()
                .set(PROXY_ASSIGNMENT.PROXY_ID, proxyId).set(PROXY_ASSIGNMENT.ASSIGNED_BY, actor)
                .set(PROXY_ASSIGNMENT.ASSIGNED_AT, currentOffsetDateTime())
                .where(PROXY_ASSIGNMENT.PROXY_ID.ne(proxyId)).execute();
    }

    int unassign(Collection<Long> accountIds) {
        return db.deleteFrom(PROXY_ASSIGNMENT).where(PROXY_ASSIGNMENT.ACCOUNT_ID.in(accountIds)).execute();
    }

    /**
     * Claims the cluster's scheduled diagnostics run when the last one is at least most of an interval old, so
     * instances whose timers tick at different moments still run it about once per interval.
     */
    boolean claimScheduledRun(Duration interval) {
        Duration mostOf = interval.multipliedBy(4).dividedBy(5);
        return db.update(PROXY_ROUTING).set(PROXY_ROUTING.DIAGNOSTICS_RUN_AT, currentOffsetDateTime())
                .where(PROXY_ROUTING.DIAGNOSTICS_RUN_AT.isNull().or(PROXY_ROUTING.DIAGNOSTICS_RUN_AT
                        .le(currentOffsetDateTime().minus(DayToSecond.valueOf(mostOf)))))
                .execute() == 1;
    }
}
