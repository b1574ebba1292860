package io.switchboard.proxies;

import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.types.DayToSecond;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import switchboard.jooq.tables.records.ProxyCheckRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.lateral;
import static org.jooq.impl.DSL.selectFrom;
import static switchboard.jooq.Tables.PROXY;
import static switchboard.jooq.Tables.PROXY_CHECK;

/** The diagnostics history: one row per run, read newest first per proxy, pruned after the retention. */
@Repository
class ProxyCheckRepository {
    private final DSLContext db;

    ProxyCheckRepository(DSLContext db) {
        this.db = db;
    }

    ProxyCheck insert(long proxyId, @Nullable Long taskId, ProbeResult result, ProxyStatus status, boolean ipChanged) {
        return check(db.insertInto(PROXY_CHECK)
                .set(PROXY_CHECK.PROXY_ID, proxyId).set(PROXY_CHECK.TASK_ID, taskId)
                .set(PROXY_CHECK.OUTCOME, result.outcome().name()).set(PROXY_CHECK.STATUS, status.name())
                .set(PROXY_CHECK.CONNECT_MS, result.connectMs()).set(PROXY_CHECK.HANDSHAKE_MS, result.handshakeMs())
                .set(PROXY_CHECK.TLS_MS, result.tlsMs()).set(PROXY_CHECK.LATENCY_MS, result.latencyMs())
                .set(PROXY_CHECK.EXIT_IP, result.exitIp()).set(PROXY_CHECK.EXIT_IP_CHANGED, ipChanged)
                .set(PROXY_CHECK.MESSAGE, result.message())
                .returning().fetchSingle());
    }

    List<ProxyCheck> latest(long proxyId, int limit) {
        return db.selectFrom(PROXY_CHECK).where(PROXY_CHECK.PROXY_ID.eq(proxyId))
                .orderBy(PROXY_CHECK.CHECKED_AT.desc(), PROXY_CHECK.ID.desc()).limit(limit)
                .fetch(ProxyCheckRepository::check);
    }

    /** The latest {@code perProxy} runs of each proxy, oldest first: one index range per proxy. */
    Map<Long, List<ProxyCheck>> recent(Collection<Long> proxyIds, int perProxy) {
        if (proxyIds.isEmpty()) {
            return Map.of();
        }
        Table<ProxyCheckRecord> recent = lateral(selectFrom(PROXY_CHECK).where(PROXY_CHECK.PROXY_ID.eq(PROXY.ID))
                .orderBy(PROXY_CHECK.CHECKED_AT.desc(), PROXY_CHECK.ID.desc()).limit(perProxy)).as("recent");
        Map<Long, List<ProxyCheck>> byProxy = new HashMap<>();
        db.select(recent.fields()).from(PROXY.crossJoin(recent)).where(PROXY.ID.in(proxyIds))
                .fetchInto(PROXY_CHECK)
                .forEach(r -> byProxy.computeIfAbsent(r.getProxyId(), k -> new ArrayList<>()).add(check(r)));
        byProxy.values().forEach(Collections::reverse);
        return byProxy;
    }

    int pruneOlderThan(Duration retention) {
        return db.deleteFrom(PROXY_CHECK)
                .where(PROXY_CHECK.CHECKED_AT.lt(currentOffsetDateTime().minus(DayToSecond.valueOf(retention))))
                .execute();
    }

    private static ProxyCheck check(ProxyCheckRecord r) {
        return new ProxyCheck(r.getId(), r.getProxyId(), r.getTaskId(), r.getCheckedAt(),
                CheckOutcome.valueOf(r.getOutcome()), ProxyStatus.valueOf(r.getStatus()), r.getConnectMs(),
                r.getHandshakeMs(), r.getTlsMs(), r.getLatencyMs(), r.getExitIp(), r.getExitIpChanged(), r.getMessage());
    }
}
