package io.switchboard.tasks;

import io.switchboard.infrastructure.Moments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/** Turns a handler's {@link Outcome} into what is recorded for its task. */
final class Outcomes {
    private static final Logger log = LoggerFactory.getLogger(Outcomes.class);

    private Outcomes() {
    }

    static Finish toFinish(Execution run, Outcome outcome, TaskSettings settings) {
        ClaimedTask task = run.task();
        return switch (outcome) {
            case Outcome.Completed completed -> finish(run, TaskState.SUCCEEDED, 0, 0, null);
            case Outcome.RetryLater later -> {
                run.info("Runs again at " + Moments.near(later.at(), Instant.now()) + ": " + later.reason());
                long delay = Math.max(0, Duration.between(Instant.now(), later.at()).toMillis());
                // the exact time, for whoever traces the engine (the task's log above is in operators' words)
                log.debug("Task {} runs again in {} ms, at {}: {}", task.id(), delay, later.at(), later.reason());
                yield finish(run, TaskState.SCHEDULED, delay, -1, null);
            }
            case Outcome.Failed failed when failed.permanent() || task.attempt() >= task.maxAttempts() ->
                    finish(run, TaskState.FAILED, 0, 0, failed.error());
            case Outcome.Failed failed -> finish(run, TaskState.SCHEDULED,
                    Backoff.after(task.attempt(), settings.backoffBase(), settings.backoffMax()).toMillis(), 0,
                    failed.error());
            case Outcome.Cancelled cancelled -> {
                run.info("Cancelled: " + cancelled.reason());
                yield finish(run, TaskState.CANCELLED, 0, 0, null);
            }
        };
    }

    /** A run stopped by a shutdown goes back to the queue without counting as an attempt. */
    static Finish handBack(Execution run) {
        return finish(run, TaskState.QUEUED, 0, -1, null);
    }

    private static Finish finish(Execution run, TaskState state, long delayMillis, int attemptDelta, String error) {
        ClaimedTask task = run.task();
        return new Finish(task.id(), task.leaseToken(), state, delayMillis, attemptDelta, error,
                run.progressDoneOrNull(), run.progressTotalOrNull(), run.countersJson());
    }
}
