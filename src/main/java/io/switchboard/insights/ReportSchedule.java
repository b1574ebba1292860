package io.switchboard.insights;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A report made on a schedule and kept for download.
 *
 * @param tag   the accounts it covers (every account when null)
 * @param every "week" (Monday to Sunday, made on Monday) or "month" (made on the first)
 * @param files the reports made so far, newest first (at most 12 listed)
 */
public record ReportSchedule(long id, String name, @Nullable String tag, String every, OffsetDateTime nextAt,
                             String createdBy, List<File> files) {

    /** A report made for one period. */
    public record File(long id, java.time.LocalDate from, java.time.LocalDate to, int bytes,
                       OffsetDateTime createdAt) {
    }
}
