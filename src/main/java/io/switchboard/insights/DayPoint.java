package io.switchboard.insights;

import java.time.LocalDate;

/** The metrics of the posts published on one day (UTC). */
public record DayPoint(LocalDate day, long posts, long views, long reach, long interactions) {
}
