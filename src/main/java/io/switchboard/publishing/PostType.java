package io.switchboard.publishing;

/** What a post is on the platform. */
public enum PostType {
    /** a video in the Reels tab (and the feed when shared to it) */
    REELS,
    /** one image in the feed */
    IMAGE,
    /** 2 to 10 images or videos swiped through, published once */
    CAROUSEL,
    /** an image or a short video shown for 24 hours */
    STORIES
}
