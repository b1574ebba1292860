package io.switchboard.insights;

import java.time.DayOfWeek;
import java.time.ZoneId;

/**
 * An hour of the week in the account's time zone, with how its posts did then.
 *
 * @param averageReach accounts reached per post published in this hour
 */
public record Slot(DayOfWeek day, int hour, ZoneId zone, long posts, long averageReach) {

    /** The next start of this hour of the week that is at least {@code lead} after {@code now}, in the slot's zone. */
    public java.time.ZonedDateTime nextStart(java.time.Instant now, java.time.Duration lead) {
        java.time.ZonedDateTime earliest = now.plus(lead).atZone(zone);
        java.time.ZonedDateTime start = earliest.with(java.time.temporal.TemporalAdjusters.nextOrSame(day))
                .withHour(hour).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        return start.isBefore(earliest) ? start.plusWeeks(1) : start;
    }

    /** "Tuesday 18:00–19:00 (Europe/Berlin)". */
    public String words() {
        return day.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " "
                + String.format("%02d:00–%02d:00", hour, (hour + 1) % 24) + " (" + zone.getId() + ")";
    }
}
