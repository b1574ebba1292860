/**
 * Egress proxies: the servers' outbound route to the official Graph API (for regional compliance or network
 * policy; nothing here changes how an account appears to the platform). An inventory of HTTP, HTTPS and SOCKS5
 * proxies with sealed credentials, CSV and line imports, a diagnostics runner that classifies each proxy
 * HEALTHY, DEGRADED or DOWN, and the {@link io.switchboard.platform.EgressRoutes} that sends each account's calls
 * through its proxy (or the default one). Public API: {@link io.switchboard.proxies.Proxies}, its records, and
 * {@link io.switchboard.proxies.ProxyStatusChanged}.
 */
@NullMarked
package io.switchboard.proxies;

import org.jspecify.annotations.NullMarked;
