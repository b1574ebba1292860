package io.switchboard.proxies;

/** A proxy's health as its latest diagnostics run judged it. */
public enum ProxyStatus {
    /** No diagnostics run yet; calls are routed through it. */
    UNTESTED,
    /** The probe answered through it within the latency threshold. */
    HEALTHY,
    /** It works but slowly, or failed fewer runs in a row than make it DOWN; calls are still routed through it. */
    DEGRADED,
    /** It failed: accounts routed through it get an unavailable route, and their posts wait. */
    DOWN
}
