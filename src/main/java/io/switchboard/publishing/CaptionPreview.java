package io.switchboard.publishing;

import io.switchboard.platform.Platform;

/**
 * A caption as the platform shows it under the post: the first {@value #FOLD} characters, then "more" when there is
 * more, and the counts the platform limits (by the same rules the plan checks). Instagram limits the length, the
 * hashtags and the @-mentions; TikTok only the length (its Content Posting API states no hashtag or mention limit).
 *
 * @param shown the part shown before "more" (the whole caption when it fits)
 * @param rest  what "more" reveals, empty when nothing
 */
public record CaptionPreview(Platform platform, String shown, String rest, int length, long hashtags, long mentions) {
    public static final int FOLD = 125;

    public static CaptionPreview of(String caption, Platform platform) {
        int length = caption.codePointCount(0, caption.length());
        int cut = length <= FOLD ? caption.length() : caption.offsetByCodePoints(0, FOLD);
        return new CaptionPreview(platform, caption.substring(0, cut), caption.substring(cut), length,
                Captions.HASHTAG.matcher(caption).results().count(), Captions.MENTION.matcher(caption).results().count());
    }

    public boolean folded() {
        return !rest.isEmpty();
    }

    public boolean tooLong() {
        return length > Captions.MAX_LENGTH;
    }

    public int maxLength() {
        return Captions.MAX_LENGTH;
    }

    /** Whether the platform limits hashtags and @-mentions (Instagram: 30 and 20; TikTok: no stated limit). */
    public boolean limitsTags() {
        return platform == Platform.INSTAGRAM;
    }

    public int maxHashtags() {
        return Captions.MAX_HASHTAGS;
    }

    public int maxMentions() {
        return Captions.MAX_MENTIONS;
    }

    /** The counts as a sentence: "12 of 2200 characters · 3 of 30 hashtags · 1 of 20 mentions". */
    public String counts() {
        return limitsTags()
                ? length + " of " + maxLength() + " characters · " + hashtags + " of " + maxHashtags() + " hashtags · "
                  + mentions + " of " + maxMentions() + " mentions"
                : length + " of " + maxLength() + " characters · " + hashtags + " hashtags · " + mentions + " mentions";
    }
}
