package io.switchboard.proxies;

import org.springframework.stereotype.Component;

/**
 * Turns a run into a status by the thresholds: an answer within {@code degraded-latency} is HEALTHY, a slower one
 * DEGRADED; {@code down-after-failures} failed runs in a row make a proxy DOWN, fewer make it DEGRADED.
 */
@Component
class ProxyVerdicts {
    private final ProxySettings settings;

    ProxyVerdicts(ProxySettings settings) {
        this.settings = settings;
    }

    record Verdict(ProxyStatus status, String reason, int failuresInARow) {
    }

    Verdict judge(ProbeResult result, int failuresBefore) {
        if (result.outcome() == CheckOutcome.OK) {
            long threshold = settings.degradedLatency().toMillis();
            if (result.latencyMs() != null && result.latencyMs() > threshold) {
                return new Verdict(ProxyStatus.DEGRADED, "Slow: the probe took " + result.latencyMs()
                        + " ms through it (over the " + threshold + " ms threshold); exit IP " + result.exitIp(), 0);
            }
            return new Verdict(ProxyStatus.HEALTHY, "The probe answered in " + result.latencyMs()
                    + " ms through exit IP " + result.exitIp(), 0);
        }
        int failures = failuresBefore + 1;
        String what = result.outcome().label() + ": " + result.message();
        if (failures >= settings.downAfterFailures()) {
            return new Verdict(ProxyStatus.DOWN, what, failures);
        }
        return new Verdict(ProxyStatus.DEGRADED, what + " (" + failures + " failed run(s) in a row; DOWN after "
                + settings.downAfterFailures() + ")", failures);
    }
}
