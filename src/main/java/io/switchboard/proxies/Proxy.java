package io.switchboard.proxies;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An egress proxy as the inventory holds it. Never carries the password: {@link #hasPassword()} says whether one
 * is stored (sealed).
 *
 * @param username      the sign-in name, null when the proxy needs none
 * @param region        free text the operator chose ("eu-west"), "" when none
 * @param enabled       false: diagnostics skip it and accounts routed through it get an unavailable route
 * @param statusReason  what the latest diagnostics found, for the operator ("" before the first run)
 * @param checkedAt     when diagnostics last ran, null before the first run
 * @param latencyMs     the probe's round trip through it in the latest successful run, in milliseconds
 * @param exitIp        the address the probe saw in the latest successful run
 * @param checkPending  an operator asked for diagnostics and the result has not arrived yet
 * @param accounts      how many accounts are assigned to it (not counting those using it as the default)
 */
public record Proxy(long id, String label, ProxyScheme scheme, String host, int port, @Nullable String username,
                    boolean hasPassword, String region, List<String> tags, boolean enabled, ProxyStatus status,
                    String statusReason, OffsetDateTime statusChangedAt, @Nullable OffsetDateTime checkedAt,
                    @Nullable Integer latencyMs, @Nullable String exitIp, boolean checkPending, int accounts,
                    OffsetDateTime createdAt) {

    /** "socks5://user@host:1080": the proxy's URL without its password. */
    public String url() {
        return ProxyEndpoint.url(scheme, host, port, username);
    }
}
