package io.switchboard.accounts;

import io.switchboard.infrastructure.Tags;
import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/**
 * The operator-set fields of an account, checked the same way in forms and imports; each check throws
 * {@link AccountProblem} naming the field and what to enter instead.
 */
final class AccountFields {
    static final int MAX_NOTES = 1000;
    static final int MAX_BIOGRAPHY = 150;
    static final int MAX_WEBSITE = 500;

    private AccountFields() {
    }

    static String timeZone(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return "UTC";
        }
        try {
            ZoneId zone = ZoneId.of(value.strip());
            if (!ZoneId.getAvailableZoneIds().contains(zone.getId()) && !zone.getId().equals("UTC")) {
                throw new DateTimeException("not a region");
            }
            return zone.getId();
        } catch (DateTimeException e) {
            throw new AccountProblem(field, "'" + value.strip() + "' is not a time zone: use an IANA name such as "
                    + "Europe/Berlin or America/New_York (or leave it empty for UTC).");
        }
    }

    /** Tags separated by ';' or ',' (or spaces), lower-cased. */
    static List<String> tags(String field, @Nullable String value) {
        List<String> tags = Tags.split(value);
        Tags.problem(tags).ifPresent(problem -> {
            throw new AccountProblem(field, problem);
        });
        return tags;
    }

    static String tag(String field, String value) {
        List<String> tags = tags(field, value);
        if (tags.size() != 1) {
            throw new AccountProblem(field, "Enter one tag: up to 40 letters, digits, '-' or '_'.");
        }
        return tags.getFirst();
    }

    static String notes(String field, @Nullable String value) {
        String notes = value == null ? "" : value.strip();
        if (notes.length() > MAX_NOTES) {
            throw new AccountProblem(field, "Notes hold at most " + MAX_NOTES + " characters; these have " + notes.length() + ".");
        }
        return notes;
    }

    static @Nullable String biography(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.strip().length() > MAX_BIOGRAPHY) {
            throw new AccountProblem(field, "An Instagram biography holds at most " + MAX_BIOGRAPHY + " characters.");
        }
        return value.strip();
    }

    static @Nullable String website(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.strip().length() > MAX_WEBSITE) {
            throw new AccountProblem(field, "A web address holds at most " + MAX_WEBSITE + " characters here.");
        }
        try {
            URI uri = URI.create(value.strip());
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("not a web address");
            }
            return uri.toString();
        } catch (IllegalArgumentException e) {
            throw new AccountProblem(field, "'" + value.strip() + "' is not a web address: enter one such as "
                    + "https://example.com.");
        }
    }
}
