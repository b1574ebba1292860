package io.switchboard.proxies;

import io.switchboard.infrastructure.SecretUnreadable;
import io.switchboard.platform.Egress;
import io.switchboard.platform.EgressRoutes;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends each account's Graph API calls through its proxy, or the default proxy, or direct. Asked on every call, it
 * answers from a table in memory; at most once per {@code route-cache} it reads the routing version (one number)
 * and reloads the table only when that changed, and at once after a change made on this instance. A proxy that
 * is DOWN or disabled gives an unavailable route with the reason, so callers pause instead of failing.
 */
@Component
class ProxyRoutes implements EgressRoutes, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ProxyRoutes.class);
    private static final Duration TROUBLE_REPORTS_EVERY = Duration.ofMinutes(1);
    private final ProxyRepository proxies;
    private final ProxyRoutingRepository routing;
    private final ProxyPasswords passwords;
    private final ProxyDialer dialer;
    private final ProxyDiagnosticsQueue diagnostics;
    private final Duration cacheFor;
    private final Egress direct;
    private final Map<Long, Long> lastTrouble = new ConcurrentHashMap<>();
    private Map<Long, ProxyEgress> live = new HashMap<>();
    private volatile RouteTable table = RouteTable.EMPTY;
    private volatile long freshUntil;
    private volatile boolean stale = true;

    ProxyRoutes(ProxyRepository proxies, ProxyRoutingRepository routing, ProxyPasswords passwords, ProxyDialer dialer,
                ProxyDiagnosticsQueue diagnostics, ProxySettings settings, Environment environment) {
        this.proxies = proxies;
        this.routing = routing;
        this.passwords = passwords;
        this.dialer = dialer;
        this.diagnostics = diagnostics;
        this.cacheFor = settings.routeCache();
        // direct calls behave exactly as they do without this module: the platform client's own connect timeout
        this.direct = Egress.direct(Binder.get(environment).bind("switchboard.platform.connect-timeout", Duration.class)
                .orElse(Duration.ofSeconds(5)));
    }

    @Override
    public Egress forAccount(@Nullable Long accountId) {
        Egress egress = current().egressFor(accountId);
        return egress == null ? direct : egress;
    }

    /** After the current transaction commits (or now, outside one), the next call reloads the routes. */
    void invalidateAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    stale = true;
                }
            });
        } else {
            stale = true;
        }
    }

    private RouteTable current() {
        if (!stale && System.nanoTime() - freshUntil < 0) {
            return table;
        }
        synchronized (this) {
            if (stale || System.nanoTime() - freshUntil >= 0) {
                refresh();
            }
            return table;
        }
    }

    private void refresh() {
        boolean forced = stale;
        stale = false;
        try {
            long version = routing.version();
            if (forced || version != table.version()) {
                table = load(version);
            }
        } catch (RuntimeException e) {
            log.warn("Could not read the egress routes; keeping the previous ones for now: {}", e.getMessage());
        }
        freshUntil = System.nanoTime() + cacheFor.toNanos();
    }

    private RouteTable load(long version) {
        Long defaultProxy = routing.defaultProxy().orElse(null);
        Map<Long, Long> assignments = routing.assignments();
        Map<Long, Egress> egresses = new HashMap<>();
        Map<Long, ProxyEgress> kept = new HashMap<>();
        for (ProxyRepository.Routable proxy : proxies.routable()) {
            egresses.put(proxy.id(), egress(proxy, kept));
        }
        live.forEach((id, egress) -> {
            if (kept.get(id) != egress) {
                egress.close();
            }
        });
        live = kept;
        return new RouteTable(version, defaultProxy, Map.copyOf(assignments), Map.copyOf(egresses));
    }

    private Egress egress(ProxyRepository.Routable proxy, Map<Long, ProxyEgress> kept) {
        String name = RouteReasons.name(proxy.label());
        if (!proxy.enabled()) {
            return Egress.unavailable(name, RouteReasons.disabled());
        }
        ProxyEndpoint endpoint;
        try {
            endpoint = new ProxyEndpoint(proxy.scheme(), proxy.host(), proxy.port(), proxy.username(),
                    proxy.password() == null ? null : passwords.open(proxy.password()));
        } catch (SecretUnreadable e) {
            return Egress.unavailable(name, RouteReasons.unreadable());
        }
        if (proxy.status() == ProxyStatus.DOWN) {
            return Egress.unavailable(name, RouteReasons.down(endpoint, proxy.statusChangedAt(), proxy.statusReason()));
        }
        ProxyEgress existing = live.get(proxy.id());
        ProxyEgress egress = existing != null && existing.endpoint().equals(endpoint) && existing.name().equals(name)
                ? existing : new ProxyEgress(proxy.id(), proxy.label(), endpoint, dialer, this::trouble);
        kept.put(proxy.id(), egress);
        return egress;
    }

    /** A proxy failed a live call: diagnose it now (at most once a minute per proxy from this instance). */
    private void trouble(long proxyId) {
        long now = System.nanoTime();
        AtomicBoolean due = new AtomicBoolean();
        lastTrouble.compute(proxyId, (id, last) -> {
            if (last != null && now - last < TROUBLE_REPORTS_EVERY.toNanos()) {
                return last;
            }
            due.set(true);
            return now;
        });
        if (!due.get()) {
            return;
        }
        Thread.ofVirtual().name("proxy-trouble-" + proxyId).start(() -> {
            try {
                diagnostics.submit(List.of(proxyId), "failure");
            } catch (RuntimeException e) {
                log.warn("Could not submit diagnostics for proxy {} after a failed call: {}", proxyId, e.getMessage());
            }
        });
    }

    @Override
    public synchronized void destroy() {
        live.values().forEach(ProxyEgress::close);
        live = new HashMap<>();
    }
}
