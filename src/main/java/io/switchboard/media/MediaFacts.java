package io.switchboard.media;

import org.jspecify.annotations.Nullable;

import java.time.Duration;

/**
 * What ffprobe (and a look at the MP4 box order) says about a media file.
 *
 * @param container  ffprobe's format name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
 * @param moov       where the MP4 index (moov box) sits relative to the media data
 * @param duration   zero for a still image
 * @param sizeBytes  the file's size
 * @param bitRate    overall bits per second, 0 when unknown
 */
public record MediaFacts(String container, MoovPosition moov, Duration duration, long sizeBytes, long bitRate,
                         @Nullable Video video, @Nullable Audio audio) {

    public enum MoovPosition {
        /** moov before mdat: playback can start before the whole file arrived ("faststart"). */
        FIRST,
        /** moov after mdat: the whole file must be read first. */
        LAST,
        /** not an MP4/MOV file, or no media data box found */
        NOT_APPLICABLE
    }

    /**
     * @param rotation  degrees the player turns the picture (display matrix), 0, 90, 180 or 270
     * @param frameRate average frames per second
     * @param fieldOrder "progressive", an interlaced order, or null when ffprobe does not say
     */
    public record Video(String codec, @Nullable String profile, int width, int height, int rotation, double frameRate,
                        @Nullable String pixelFormat, @Nullable String fieldOrder, long bitRate) {

        /** Width as shown, after rotation. */
        public int displayWidth() {
            return rotation % 180 == 0 ? width : height;
        }

        public int displayHeight() {
            return rotation % 180 == 0 ? height : width;
        }

        /** Display width divided by display height. */
        public double aspectRatio() {
            return displayHeight() == 0 ? 0 : (double) displayWidth() / displayHeight();
        }
    }

    public record Audio(String codec, int sampleRate, int channels, long bitRate) {
    }

    public boolean mp4Family() {
        return container.contains("mp4") || container.contains("mov");
    }

    /** A single picture (JPEG, PNG, WebP…) rather than a clip. */
    public boolean still() {
        return video != null && (container.startsWith("image2") || container.endsWith("_pipe")
                || (duration.isZero() && audio == null));
    }
}
