package io.switchboard.insights;

import java.time.LocalDate;

/** An account's followers and metrics as collected for one day (UTC). */
public record AccountDay(LocalDate day, long followers, long reach, long views, long profileViews, long engaged) {
}
