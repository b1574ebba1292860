package io.switchboard.proxies;

import io.switchboard.platform.Egress;
import org.jspecify.annotations.Nullable;

import java.util.Map;

/**
 * The routes one instance uses until the routing version changes: the default proxy, each assigned account's
 * proxy, and each proxy's egress (usable, or unavailable with the reason).
 */
record RouteTable(long version, @Nullable Long defaultProxyId, Map<Long, Long> proxyByAccount,
                  Map<Long, Egress> egressByProxy) {

    static final RouteTable EMPTY = new RouteTable(-1, null, Map.of(), Map.of());

    /** The egress of the account's proxy (or the default's); null when its calls go direct. */
    @Nullable Egress egressFor(@Nullable Long accountId) {
        Long proxyId = accountId == null ? defaultProxyId : proxyByAccount.getOrDefault(accountId, defaultProxyId);
        return proxyId == null ? null : egressByProxy.get(proxyId);
    }
}
