package io.switchboard.publishing;

/**
 * A caption as the feed shows it: the first {@value #FOLD} characters, then "more" when there is more, and the
 * counts the platform limits (by the same rules the plan checks).
 *
 * @param shown the part shown before "more" (the whole caption when it fits)
 * @param rest  what "more" reveals, empty when nothing
 */
public record CaptionPreview(String shown, String rest, int length, long hashtags, long mentions) {
    public static final int FOLD = 125;

    public static CaptionPreview of(String caption) {
        int length = caption.codePointCount(0, caption.length());
        int cut = length <= FOLD ? caption.length() : caption.offsetByCodePoints(0, FOLD);
        return new CaptionPreview(caption.substring(0, cut), caption.substring(cut), length,
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

    public int maxHashtags() {
        return Captions.MAX_HASHTAGS;
    }

    public int maxMentions() {
        return Captions.MAX_MENTIONS;
    }
}
