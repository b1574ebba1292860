package io.switchboard.tasks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/** Runs one claimed task's handler on the calling (virtual) thread and hands the outcome to the completer. */
@Component
class Executor {
    private static final Logger log = LoggerFactory.getLogger(Executor.class);
    private static final Duration AFTER_OUTAGE = Duration.ofSeconds(5);
    private final Handlers handlers;
    private final Completer completer;
    private final TaskMetrics metrics;
    private final TaskSettings settings;

    Executor(Handlers handlers, Completer completer, TaskMetrics metrics, TaskSettings settings) {
        this.handlers = handlers;
        this.completer = completer;
        this.metrics = metrics;
        this.settings = settings;
    }

    void run(Execution run) {
        ClaimedTask task = run.task();
        metrics.claimed(task.kind(), task.waitMillis());
        Outcome outcome = outcome(run);
        metrics.executed(task.kind(), run.runningNanos());
        if (!run.end()) {
            return; // a stopping engine handed the task back meanwhile: that is what counts
        }
        completer.add(run, Outcomes.toFinish(run, notCountingOutages(run, outcome), settings));
    }

    /**
     * A failure while this instance could not reach the database (its lease lapsed, or the database said so)
     * is the outage's, not the task's: the task runs again soon without using an attempt.
     */
    private static Outcome notCountingOutages(Execution run, Outcome outcome) {
        if (outcome instanceof Outcome.Failed(String error, boolean permanent) && !permanent && run.lapsed()) {
            return Outcome.retryAfter(AFTER_OUTAGE, "this instance lost the database while the task ran ("
                    + error + "); not counted as an attempt");
        }
        return outcome;
    }

    /** The database could not be reached: no connection, a connection lost, or the server shutting down. */
    static boolean databaseUnreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Outcome outcome(Execution run) {
        ClaimedTask task = run.task();
        Handlers.Handler registered = handlers.forKind(task.kind());
        if (registered == null) {
            log.warn("No handler for task kind {} on this instance (task {}); it waits for an instance that has one",
                    task.kind(), task.id());
            return Outcome.retryAfter(Duration.ofMinutes(1), "no handler for kind " + task.kind()
                    + " on this instance (an older version?)");
        }
        TaskHandler handler = registered.handler();
        Object payload;
        try {
            payload = registered.payloads().readValue(task.payload());
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
            if (databaseUnreachable(e)) {
                return Outcome.retryAfter(AFTER_OUTAGE, "the database could not be reached (" + describe(e)
                        + "); not counted as an attempt");
            }
            return Outcome.failed(describe(e));
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        String text = e.getClass().getSimpleName() + message;
        return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
    }
}
