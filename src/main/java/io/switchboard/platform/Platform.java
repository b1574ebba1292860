package io.switchboard.platform;

import java.util.Locale;
import java.util.Optional;

/**
 * A platform Switchboard publishes to. Each has an adapter module implementing the ports the other modules
 * declare (publishing's {@code Publisher}, the accounts' profile, token and sign-in ports); nothing outside the
 * adapters depends on which platform it is.
 */
public enum Platform {
    INSTAGRAM("Instagram"),
    TIKTOK("TikTok");

    private final String label;

    Platform(String label) {
        this.label = label;
    }

    /** The platform's name as operators write it ("Instagram"). */
    public String label() {
        return label;
    }

    /** The lower-case name used in URLs, CSV files and scopes ("instagram"). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The platform a text names (its key, name or label, in any case), if any. */
    public static Optional<Platform> parse(String text) {
        String wanted = text.strip();
        for (Platform platform : values()) {
            if (platform.name().equalsIgnoreCase(wanted) || platform.label.equalsIgnoreCase(wanted)) {
                return Optional.of(platform);
            }
        }
        return Optional.empty();
    }
}
