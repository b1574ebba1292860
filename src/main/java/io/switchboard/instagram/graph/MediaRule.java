package io.switchboard.instagram.graph;

/** Which media rule the platform says a container broke. */
public enum MediaRule {
    /** 352/2207026: the video is not in the Reels format (codec, duration, size…): re-encode it. */
    VIDEO_FORMAT,
    /** 36000/2207004: the image is larger than 8 MB. */
    IMAGE_TOO_LARGE,
    /** 36001/2207005: the image is not a JPEG. */
    IMAGE_FORMAT,
    /** 36003/2207009: the image's aspect ratio (4:5 to 1.91:1) or width (320 to 1440 px) is out of range. */
    IMAGE_DIMENSIONS,
    /** 36004/2207010: the caption is too long (2200 characters, 30 hashtags, 20 mentions). */
    CAPTION_TOO_LONG,
    /** 9004/2207052: the platform could not fetch the media URL; check it is public and unexpired, then retry. */
    MEDIA_URL_NOT_FETCHABLE,
    /** 2207089: {@code media_type=VIDEO} is refused; feed videos are Reels. */
    MEDIA_TYPE_REFUSED,
    /** 2207081: the account is not eligible for trial Reels ({@code trial_params}): publish it as a normal Reel. */
    TRIAL_INELIGIBLE;

    /** Whether the same media can succeed without being changed (a fresh URL, a retry). */
    public boolean retryable() {
        return this == MEDIA_URL_NOT_FETCHABLE;
    }
}
