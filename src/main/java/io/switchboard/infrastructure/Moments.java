package io.switchboard.infrastructure;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Moments as operators read them in a sentence: "11:19 UTC" on the day in question, "Tue 24 Nov 11:19 UTC" otherwise. */
public final class Moments {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm 'UTC'", Locale.ENGLISH);

    private Moments() {
    }

    /** The time of day alone when {@code at} falls on the same UTC day as {@code reference}, with its day otherwise. */
    public static String near(Instant at, Instant reference) {
        boolean sameDay = at.atZone(ZoneOffset.UTC).toLocalDate().equals(reference.atZone(ZoneOffset.UTC).toLocalDate());
        return (sameDay ? TIME : DAY_TIME).format(at.atZone(ZoneOffset.UTC));
    }
}
