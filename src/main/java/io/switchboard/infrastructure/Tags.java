package io.switchboard.infrastructure;

import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Tags as operators type them on accounts, proxies and media: separated by ';', ',' or spaces, lower-cased. */
public final class Tags {
    /** One tag: up to 40 letters, digits, '-' or '_', starting with a letter or digit. */
    public static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    /** Most tags one account, proxy or media item carries. */
    public static final int MAX_TAGS = 30;

    private Tags() {
    }

    /** The distinct tags in {@code value}, lower-cased, in order; none for null or blank. */
    public static List<String> split(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split("[;,\\s]+")).map(t -> t.strip().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty()).distinct().toList();
    }

    /** What is wrong with the first tag that is not one, said for the operator; empty when all are fine. */
    public static Optional<String> problem(List<String> tags) {
        if (tags.size() > MAX_TAGS) {
            return Optional.of(tags.size() + " tags: give at most " + MAX_TAGS + ".");
        }
        return tags.stream().filter(t -> !TAG.matcher(t).matches()).findFirst()
                .map(t -> "'" + t + "' is not a tag: use up to 40 letters, digits, '-' or '_', separated by ';'.");
    }
}
