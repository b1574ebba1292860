package io.switchboard.proxies;

/**
 * A diagnostics run changed a proxy's status (published when that run's result commits). When {@code to} is DOWN,
 * accounts routed through the proxy get {@code GraphProblem.RouteUnavailable}; when it leaves DOWN, their calls
 * go through again, so paused work can resume.
 */
public record ProxyStatusChanged(long proxyId, String label, ProxyStatus from, ProxyStatus to, String reason) {
}
