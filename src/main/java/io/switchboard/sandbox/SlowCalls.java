package io.switchboard.sandbox;

import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Latencies of single calls on this instance's sandbox (by the name the call enters the sandbox with: "publish",
 * "comment", TikTok's "init", …), in place of the sandbox's latency for every call. Tests that kill an instance
 * with one call in flight slow that call only, so the rest of the publish does not wait for nothing. Kept in memory
 * and reachable from tests only: the admin's knob is the latency of every call on the Sandbox page.
 */
@Component
@Conditional(SandboxEnabled.class)
class SlowCalls {
    private final Map<String, Duration> latencies = new ConcurrentHashMap<>();

    /** From now on {@code call} is answered after {@code latency}; {@link Duration#ZERO} removes the override. */
    void set(String call, Duration latency) {
        if (latency.isZero()) {
            latencies.remove(call);
        } else {
            latencies.put(call, latency);
        }
    }

    void clear() {
        latencies.clear();
    }

    /** Waits the call's own latency if it has one, or else {@code latency}. */
    void pause(String call, Duration latency) {
        Duration wait = latencies.getOrDefault(call, latency);
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
