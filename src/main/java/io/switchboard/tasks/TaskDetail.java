package io.switchboard.tasks;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One task with everything known about it.
 *
 * @param payloadJson the payload as stored (secrets included: redact before showing it)
 * @param failures    the attempts that did not succeed, oldest first
 * @param logs        the log lines of all attempts, oldest first (the last 500)
 */
public record TaskDetail(TaskView task, String payloadJson, Map<String, Long> counters, List<Failure> failures,
                         List<LogEntry> logs) {

    public record Failure(int attempt, OffsetDateTime at, @Nullable String instance, String error) {
    }

    public record LogEntry(long id, int attempt, OffsetDateTime at, LogLevel level, String message) {
    }
}
