package io.switchboard.dashboard;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formatting helpers for templates, as {@code @formats}. */
@Component("formats")
class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    /** "2d 3h", "4m 12s", "850 ms": the two largest units. */
    public String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 1) {
            return Math.max(0, duration.toMillis()) + " ms";
        }
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        long secs = seconds % 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        return minutes > 0 ? minutes + "m " + secs + "s" : secs + "s";
    }

    public String time(OffsetDateTime time) {
        return TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    public String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %s", value, units[unit]);
    }
}
