package io.switchboard.proxies;

import org.jspecify.annotations.Nullable;

/** What one diagnostics run measured; see {@link ProxyCheck} for the fields. */
record ProbeResult(CheckOutcome outcome, @Nullable Integer connectMs, @Nullable Integer handshakeMs,
                   @Nullable Integer tlsMs, @Nullable Integer latencyMs, @Nullable String exitIp, String message) {

    static ProbeResult failed(CheckOutcome outcome, Timings timings, String message) {
        return new ProbeResult(outcome, timings.connectMs, timings.handshakeMs, timings.tlsMs, null, null, message);
    }
}
