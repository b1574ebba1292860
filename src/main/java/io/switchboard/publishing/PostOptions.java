package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

import java.time.Duration;

/**
 * @param shareToFeed  a Reel also appears in the feed
 * @param coverOffset  where in the video the platform takes the Reel's cover frame; null: the media's own
 *                     cover image (chosen on its page)
 * @param carouselSize media per carousel post (2 to 10; ignored for other types)
 */
public record PostOptions(PostType type, boolean shareToFeed, @Nullable Duration coverOffset, int carouselSize) {

    public static PostOptions reels() {
        return new PostOptions(PostType.REELS, true, null, 0);
    }

    /** How many media one post takes. */
    public int mediaPerPost() {
        return type == PostType.CAROUSEL ? carouselSize : 1;
    }
}
