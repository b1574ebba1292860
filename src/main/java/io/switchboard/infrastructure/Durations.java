package io.switchboard.infrastructure;

import java.time.Duration;

/** Durations as operators write them: "1 h", "1 h 30 min", "45 s", "2 d 3 h"; never "PT1H". */
public final class Durations {
    private Durations() {
    }

    /** The two largest units: "2 d 3 h", "1 h 30 min", "4 min 12 s", "45 s", "850 ms". */
    public static String words(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 1) {
            return Math.max(0, duration.toMillis()) + " ms";
        }
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        long secs = seconds % 60;
        if (days > 0) {
            return days + " d" + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
        }
        return minutes > 0 ? minutes + " min" + (secs > 0 ? " " + secs + " s" : "") : secs + " s";
    }

    /** As an adjective: "60-minute", "2-hour", "30-second" (the spacing between posts). */
    public static String adjective(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0 && seconds >= 7200) {
            return seconds / 3600 + "-hour";
        }
        if (seconds % 60 == 0 && seconds > 0) {
            return seconds / 60 + "-minute";
        }
        return seconds + "-second";
    }
}
