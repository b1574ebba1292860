package io.switchboard.tasks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The engine's Micrometer meters: claimed, succeeded, failed, retried and rescued per kind; queue depth per
 * queue and state; wait from run-at to start and execution time per kind.
 */
@Component
class TaskMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    /** Per kind, the meters every run records, so a run finds them with one lookup and builds no names. */
    private final Map<String, KindMeters> kinds = new ConcurrentHashMap<>();
    private final Map<String, Timer> phases = new ConcurrentHashMap<>();
    private final MultiGauge depth;

    TaskMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.depth = MultiGauge.builder("switchboard.tasks.queue.depth")
                .description("Tasks waiting in a queue, by state (scheduled or queued)").register(registry);
    }

    private record KindMeters(Counter claimed, Timer waited, Timer executed, Counter succeeded) {
    }

    private KindMeters meters(String kind) {
        KindMeters meters = kinds.get(kind);
        if (meters == null) {
            meters = kinds.computeIfAbsent(kind, k -> new KindMeters(counter("switchboard.tasks.claimed", k),
                    timer("switchboard.tasks.wait", k), timer("switchboard.tasks.execution", k),
                    counter("switchboard.tasks.succeeded", k)));
        }
        return meters;
    }

    void claimed(String kind, long waitMillis) {
        KindMeters meters = meters(kind);
        meters.claimed().increment();
        meters.waited().record(waitMillis, TimeUnit.MILLISECONDS);
    }

    void executed(String kind, long nanos) {
        meters(kind).executed().record(nanos, TimeUnit.NANOSECONDS);
    }

    void finished(Finished finished) {
        switch (finished.state()) {
            case SUCCEEDED -> meters(finished.kind()).succeeded().increment();
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
        Timer timer = phases.get(phase);
        if (timer == null) {
            timer = phases.computeIfAbsent(phase, p -> Timer.builder("switchboard.tasks.engine")
                    .description("Time the engine spent per phase (claim, completion, notification)").tag("phase", p)
                    .register(registry));
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
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
        counter(name, kind).increment();
    }

    private Counter counter(String name, String kind) {
        return counters.computeIfAbsent(name + '|' + kind, k -> Counter.builder(name).tag("kind", kind).register(registry));
    }

    private Timer timer(String name, String kind) {
        return timers.computeIfAbsent(name + '|' + kind,
                k -> Timer.builder(name).tag("kind", kind).register(registry));
    }
}
