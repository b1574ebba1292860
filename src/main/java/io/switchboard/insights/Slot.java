package io.switchboard.insights;

import java.time.DayOfWeek;
import java.time.ZoneId;

/**
 * An hour of the week in the account's time zone, with how its posts did then.
 *
 * @param averageReach accounts reached per post published in this hour
 */
public record Slot(DayOfWeek day, int hour, ZoneId zone, long posts, long averageReach) {

    /** "Tuesday 18:00–19:00 (Europe/Berlin)". */
    public String words() {
        return day.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " "
                + String.format("%02d:00–%02d:00", hour, (hour + 1) % 24) + " (" + zone.getId() + ")";
    }
}
