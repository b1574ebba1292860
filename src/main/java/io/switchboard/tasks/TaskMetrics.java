package io.switchboard.tasks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's Micrometer meters: claimed, succeeded, failed, retried and rescued per kind; queue depth per
 * queue and state; wait from run-at to start and execution time per kind.
 */
@Component
class TaskMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final MultiGauge depth;

    TaskMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.depth = MultiGauge.builder("switchboard.tasks.queue.depth")
                .description("Tasks waiting in a queue, by state (scheduled or queued)").register(registry);
    }

    void claimed(String kind, long waitMillis) {
        count("switchboard.tasks.claimed", kind);
        timer("switchboard.tasks.wait", kind).record(Duration.ofMillis(waitMillis));
    }

    void executed(String kind, long nanos) {
        timer("switchboard.tasks.execution", kind).record(Duration.ofNanos(nanos));
    }

    void finished(Finished finished) {
        switch (finished.state()) {
            case SUCCEEDED -> count("switchboard.tasks.succeeded", finished.kind());
            case FAILED -> count("switchboard.tasks.failed", finished.kind());
            case SCHEDULED -> count("switchboard.tasks.retried", finished.kind());
            case CANCELLED -> count("switchboard.tasks.cancelled", finished.kind());
            default -> { }
        }
    }

    /**
     * Time the engine itself spent in one phase of a task's life: "claim" (the claim statement), "completion" (the
     * outcome transactions, notifications included) and "notification" (the pg_notify calls alone).
     */
    void phase(String phase, long nanos) {
        timers.computeIfAbsent("switchboard.tasks.engine|" + phase, k -> Timer.builder("switchboard.tasks.engine")
                .description("Time the engine spent per phase (claim, completion, notification)").tag("phase", phase)
                .register(registry)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void rescued(String kind) {
        count("switchboard.tasks.rescued", kind);
    }

    void depth(List<QueueDepth> depths) {
        depth.register(depths.stream()
                .map(d -> MultiGauge.Row.of(Tags.of("queue", d.queue(), "state", d.state().dbValue()), d.count()))
                .toList(), true);
    }

    private void count(String name, String kind) {
        counters.computeIfAbsent(name + '|' + kind,
                k -> Counter.builder(name).tag("kind", kind).register(registry)).increment();
    }

    private Timer timer(String name, String kind) {
        return timers.computeIfAbsent(name + '|' + kind,
                k -> Timer.builder(name).tag("kind", kind).register(registry));
    }
}
