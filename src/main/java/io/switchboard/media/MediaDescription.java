package io.switchboard.media;

import io.switchboard.infrastructure.FieldChecks;
import io.switchboard.infrastructure.Tags;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * What an operator says about a media item: title, tags, default caption, cover offset; checked and normalised
 * (tags lower-case, sorted, without duplicates).
 */
public record MediaDescription(String title, List<String> tags, String defaultCaption, Duration coverOffset) {
    public static final int MAX_TITLE = 200;
    public static final int MAX_CAPTION = 2200;
    public static final int MAX_TAGS = 30;

    /** @throws MediaProblem holding every field that is wrong ({@link MediaProblem#all()}) */
    public MediaDescription {
        var checks = FieldChecks.of(MediaProblem.class);
        title = title.strip();
        if (title.isEmpty() || title.length() > MAX_TITLE) {
            checks.add(new MediaProblem("title", "Give it a title of 1 to " + MAX_TITLE + " characters."));
        }
        if (defaultCaption.length() > MAX_CAPTION) {
            checks.add(new MediaProblem("defaultCaption", "The platform takes captions of at most " + MAX_CAPTION
                    + " characters; this one has " + defaultCaption.length() + "."));
        }
        if (coverOffset.isNegative() || coverOffset.compareTo(ReelsSpec.MAX_DURATION) > 0) {
            checks.add(new MediaProblem("coverOffset", "The cover offset is a time within the clip, 0 to 900 seconds."));
        }
        List<String> given = tags;
        tags = checks.check(() -> normalised(given), List.of());
        checks.throwIfAny(MediaProblem::new);
    }

    /** Tags from text separated by commas or spaces ("Summer, launch #promo"). */
    public static List<String> parseTags(String text) {
        return List.of(text.split("[,\\s]+")).stream().map(t -> t.replaceFirst("^#", "")).filter(t -> !t.isBlank())
                .toList();
    }

    private static List<String> normalised(Collection<String> tags) {
        TreeSet<String> clean = new TreeSet<>();
        for (String tag : tags) {
            String t = tag.strip().toLowerCase(Locale.ROOT);
            if (!Tags.TAG.matcher(t).matches()) {
                throw new MediaProblem("tags", "“" + tag + "” is not a tag: use letters, digits, '-' or '_', "
                        + "at most 40 characters, starting with a letter or digit.");
            }
            clean.add(t);
        }
        if (clean.size() > MAX_TAGS) {
            throw new MediaProblem("tags", "At most " + MAX_TAGS + " tags per media item.");
        }
        return List.copyOf(clean);
    }
}
