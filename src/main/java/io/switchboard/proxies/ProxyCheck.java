package io.switchboard.proxies;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;

/**
 * One diagnostics run of a proxy. Times in milliseconds, null for the steps the run did not reach.
 *
 * @param connectMs     TCP connection to the proxy
 * @param handshakeMs   the proxy's own handshake: TLS to an HTTPS proxy, CONNECT or the SOCKS5 exchange
 * @param tlsMs         TLS with the probe through the tunnel
 * @param latencyMs     the whole probe, from connecting to the probe's answer (null when it failed)
 * @param exitIp        the address the probe saw, null when the run did not get that far
 * @param exitIpChanged the exit address differs from the one seen before
 * @param status        the proxy's status after this run
 * @param message       what happened, for the operator
 */
public record ProxyCheck(long id, long proxyId, @Nullable Long taskId, OffsetDateTime checkedAt, CheckOutcome outcome,
                         ProxyStatus status, @Nullable Integer connectMs, @Nullable Integer handshakeMs,
                         @Nullable Integer tlsMs, @Nullable Integer latencyMs, @Nullable String exitIp,
                         boolean exitIpChanged, String message) {
}
