package io.switchboard.tasks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

/** Runs one claimed task's handler on the calling (virtual) thread and hands the outcome to the completer. */
@Component
class Executor {
    private static final Logger log = LoggerFactory.getLogger(Executor.class);
    private final Handlers handlers;
    private final JsonMapper json;
    private final Completer completer;
    private final TaskMetrics metrics;
    private final TaskSettings settings;

    Executor(Handlers handlers, JsonMapper json, Completer completer, TaskMetrics metrics, TaskSettings settings) {
        this.handlers = handlers;
        this.json = json;
        this.completer = completer;
        this.metrics = metrics;
        this.settings = settings;
    }

    void run(Execution run) {
        ClaimedTask task = run.task();
        metrics.claimed(task.kind(), task.waitMillis());
        Outcome outcome = outcome(run);
        metrics.executed(task.kind(), run.runningNanos());
        run.ended();
        completer.add(run, Outcomes.toFinish(run, outcome, settings));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Outcome outcome(Execution run) {
        ClaimedTask task = run.task();
        TaskHandler handler = handlers.forKind(task.kind());
        if (handler == null) {
            log.warn("No handler for task kind {} on this instance (task {}); it waits for an instance that has one",
                    task.kind(), task.id());
            return Outcome.retryAfter(Duration.ofMinutes(1), "no handler for kind " + task.kind()
                    + " on this instance (an older version?)");
        }
        Object payload;
        try {
            payload = json.readValue(task.payload(), handler.kind().payloadType());
        } catch (RuntimeException e) {
            return Outcome.failedPermanently("The payload cannot be read as " + handler.kind().payloadType().getSimpleName()
                    + ": " + e.getMessage() + ". Submit the task again with a valid payload.");
        }
        try {
            Outcome outcome = handler.handle(payload, run);
            return outcome == null ? Outcome.failed("The handler returned no outcome") : outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("Interrupted while running (the instance is stopping)");
        } catch (Exception e) {
            log.debug("Task {} ({}) attempt {} failed", task.id(), task.kind(), task.attempt(), e);
            return Outcome.failed(describe(e));
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        String text = e.getClass().getSimpleName() + message;
        return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
    }
}
