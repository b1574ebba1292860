package io.switchboard.publishing;

import java.time.Duration;

/**
 * @param shareToFeed  a Reel also appears in the feed
 * @param coverOffset  where in the video its cover frame is taken (Reels)
 * @param carouselSize media per carousel post (2 to 10; ignored for other types)
 */
public record PostOptions(PostType type, boolean shareToFeed, Duration coverOffset, int carouselSize) {

    public static PostOptions reels() {
        return new PostOptions(PostType.REELS, true, Duration.ofSeconds(1), 0);
    }

    /** How many media one post takes. */
    public int mediaPerPost() {
        return type == PostType.CAROUSEL ? carouselSize : 1;
    }
}
