package io.switchboard.dashboard;

import io.switchboard.infrastructure.Durations;
import io.switchboard.infrastructure.Moments;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formatting helpers for templates, as {@code @formats}: operators' words for times, durations and sizes. */
@Component("formats")
class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");
    private static final String[] UNITS = {"KB", "MB", "GB", "TB"};

    /** "2 d 3 h", "4 min 12 s", "850 ms": the two largest units. */
    public String duration(Duration duration) {
        return Durations.words(duration);
    }

    /**
     * A link that came from the platform (a website, a permalink) when it is an http(s) URL, else null: a
     * {@code javascript:} or {@code data:} value is shown as text, never as a link.
     */
    public @Nullable String webLink(@Nullable String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null ? uri.toString() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    public String time(OffsetDateTime time) {
        return TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** "12:19 UTC" today, "Tue 24 Nov 12:19 UTC" on another day: for times in a sentence. */
    public String moment(OffsetDateTime time) {
        return Moments.near(time.toInstant(), Instant.now());
    }

    /** Sizes as people write them: "812 B", "1 MB", "4.2 MB", "48 MB", "1.3 GB" (1 KB = 1024 bytes). */
    public String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = value < 10 ? String.format(Locale.ROOT, "%.1f", value) : String.valueOf(Math.round(value));
        return (number.endsWith(".0") ? number.substring(0, number.length() - 2) : number) + " " + UNITS[unit];
    }

    /**
     * Whole numbers with thousands separated: "1,234", "-1,234,567". Grouped by hand: {@code String.format("%,d")}
     * builds a {@code DecimalFormat} per call to learn the grouping size, and the insights pages print hundreds.
     */
    public String count(long value) {
        String digits = Long.toString(value);
        int sign = value < 0 ? 1 : 0;
        int length = digits.length() - sign;
        if (length <= 3) {
            return digits;
        }
        StringBuilder grouped = new StringBuilder(digits.length() + length / 3);
        int first = sign + (length % 3 == 0 ? 3 : length % 3);
        grouped.append(digits, 0, first);
        for (int i = first; i < digits.length(); i += 3) {
            grouped.append(',').append(digits, i, i + 3);
        }
        return grouped.toString();
    }
}
