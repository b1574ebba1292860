package io.switchboard.proxies;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * @param probeUrl             an HTTPS URL that answers the caller's IP address (JSON with an {@code ip} field, or plain
 *                             text); diagnostics request it through each proxy
 * @param diagnosticsInterval  how often every enabled proxy is checked (on one instance of the cluster)
 * @param connectTimeout       to open a TCP connection to a proxy
 * @param probeTimeout         for a whole diagnostics run of one proxy
 * @param degradedLatency      a probe slower than this makes the proxy DEGRADED
 * @param downAfterFailures    failed runs in a row that make a proxy DOWN (fewer make it DEGRADED)
 * @param historyRetention     how long diagnostics results are kept
 * @param routeCache           how long an instance uses its routes before checking the database for changes
 * @param trustCertificates    a PEM file of extra certificate authorities trusted for TLS to HTTPS proxies and
 *                             through tunnels (in addition to the JDK's)
 * @param importMaxRows        most proxies one import may hold
 * @param allowPrivateAddresses whether proxies may be at loopback, private (LAN) or link-local addresses; off,
 *                             Switchboard never connects there, so diagnostics cannot be used to scan the network
 */
@ConfigurationProperties("switchboard.proxies")
record ProxySettings(
        @DefaultValue("https://api.ipify.org?format=json") URI probeUrl,
        @DefaultValue("5m") Duration diagnosticsInterval,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration probeTimeout,
        @DefaultValue("2s") Duration degradedLatency,
        @DefaultValue("1") int downAfterFailures,
        @DefaultValue("14d") Duration historyRetention,
        @DefaultValue("5s") Duration routeCache,
        @Nullable Path trustCertificates,
        @DefaultValue("1000") int importMaxRows,
        @DefaultValue("false") boolean allowPrivateAddresses) {

    ProxySettings {
        if (downAfterFailures < 1) {
            throw new IllegalArgumentException("switchboard.proxies.down-after-failures must be at least 1");
        }
        if (!"https".equalsIgnoreCase(probeUrl.getScheme()) && !"http".equalsIgnoreCase(probeUrl.getScheme())) {
            throw new IllegalArgumentException("switchboard.proxies.probe-url must be an https (or http) URL: " + probeUrl);
        }
    }
}
