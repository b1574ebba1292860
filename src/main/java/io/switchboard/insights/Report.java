package io.switchboard.insights;

import java.util.List;

/** A report: the filtered posts' totals, days, accounts (at most 50 of {@code accountCount}) and best posts. */
public record Report(ReportFilter filter, Totals totals, List<DayPoint> days, List<AccountRow> accounts,
                     int accountCount, List<PostResult> top) {
}
