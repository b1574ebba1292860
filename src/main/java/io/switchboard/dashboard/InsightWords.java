package io.switchboard.dashboard;

import org.springframework.stereotype.Component;

import java.util.Locale;

/** Insights' numbers where space is short: "830", "4.2k", "18k", "1.3M". */
@Component("insightWords")
class InsightWords {

    public String brief(long value) {
        if (value < 1000) {
            return String.valueOf(value);
        }
        double scaled = value < 1_000_000 ? value / 1000.0 : value / 1_000_000.0;
        String unit = value < 1_000_000 ? "k" : "M";
        String number = scaled < 10 ? String.format(Locale.ROOT, "%.1f", scaled) : String.valueOf(Math.round(scaled));
        return (number.endsWith(".0") ? number.substring(0, number.length() - 2) : number) + unit;
    }
}
