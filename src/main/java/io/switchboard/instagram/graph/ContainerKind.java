package io.switchboard.instagram.graph;

/** What a media container holds. */
public enum ContainerKind {
    /** A feed image ({@code image_url}). */
    IMAGE,
    /** A Reel ({@code media_type=REELS}, {@code video_url} or a resumable upload). */
    REELS,
    IMAGE_STORY,
    VIDEO_STORY,
    /** An image inside a carousel ({@code is_carousel_item=true}). */
    IMAGE_CAROUSEL_ITEM,
    /** A video inside a carousel ({@code is_carousel_item=true&media_type=VIDEO}). */
    VIDEO_CAROUSEL_ITEM,
    /** The carousel itself: 2 to 10 children. Counts once against the publishing quota. */
    CAROUSEL
}
