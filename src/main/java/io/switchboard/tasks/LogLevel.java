package io.switchboard.tasks;

/** Severity of a task's log line. */
public enum LogLevel {
    DEBUG, INFO, WARN, ERROR
}
