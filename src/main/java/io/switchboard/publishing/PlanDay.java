package io.switchboard.publishing;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One day (UTC) of a planned campaign, for the preview's calendar.
 *
 * @param accounts how many accounts publish that day
 * @param first    the day's first post time
 * @param last     the day's last post time
 */
public record PlanDay(LocalDate date, int posts, int accounts, Instant first, Instant last) {
}
