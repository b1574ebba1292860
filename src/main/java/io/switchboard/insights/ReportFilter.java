package io.switchboard.insights;

import org.jspecify.annotations.Nullable;

import java.time.LocalDate;

/**
 * Which posts a report covers: those published from {@code from} to {@code to} (days in UTC, both included) by the
 * accounts with {@code tag} (every account when null).
 */
public record ReportFilter(@Nullable String tag, LocalDate from, LocalDate to) {

    /** A report covers at most this many days. */
    public static final int MAX_DAYS = 366;

    public ReportFilter {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("The report ends before it starts");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new IllegalArgumentException("A report covers at most " + MAX_DAYS + " days");
        }
    }
}
