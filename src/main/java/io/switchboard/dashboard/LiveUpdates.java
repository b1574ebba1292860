package io.switchboard.dashboard;

import io.switchboard.tasks.TaskChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Server-sent events for live pages: "change" when any task in the cluster changed (at most once a second,
 * however many changed), a comment every 15 s so proxies keep the stream open. Fed by the database's
 * notifications, so a browser served by this instance sees work claimed and finished by any other.
 * Browsers reconnect on their own; pages fall back to polling when the stream is unavailable.
 */
@Controller
class LiveUpdates implements SmartLifecycle {
    static final Duration COALESCE = Duration.ofSeconds(1);
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean changed = new AtomicBoolean();
    private final TaskChanges changes;
    private ScheduledExecutorService ticker;
    private volatile boolean running;

    LiveUpdates(TaskChanges changes) {
        this.changes = changes;
    }

    @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(Duration.ofMinutes(30).toMillis());
        emitters.add(emitter);
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(e -> emitters.remove(emitter));
        send(emitter, SseEmitter.event().name("hello").data("live"));
        return emitter;
    }

    @Override
    public void start() {
        changes.subscribe(() -> changed.set(true));
        ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("live-updates").daemon().factory());
        ticker.scheduleWithFixedDelay(this::flush, COALESCE.toMillis(), COALESCE.toMillis(), TimeUnit.MILLISECONDS);
        ticker.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    private void flush() {
        if (changed.getAndSet(false)) {
            emitters.forEach(emitter -> send(emitter, SseEmitter.event().name("change").data("tasks")));
        }
    }

    private void heartbeat() {
        emitters.forEach(emitter -> send(emitter, SseEmitter.event().comment("heartbeat")));
    }

    private void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            emitters.remove(emitter);
            log.debug("A live page went away: {}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        running = false;
        if (ticker != null) {
            ticker.shutdownNow();
        }
        emitters.forEach(SseEmitter::complete);
        emitters.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
