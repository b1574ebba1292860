package io.switchboard.media;

/** What a media item is, as the platform publishes it. */
public enum MediaType {
    /** A clip: published as a Reel (or a story). */
    VIDEO,
    /** A still picture: published as an image post (or a carousel item, or a story). */
    IMAGE
}
