package io.switchboard.instagram.graph;

/** Which of a hashtag's media lists to read. */
public enum HashtagEdge {
    /** Posts of the last 24 hours. */
    RECENT_MEDIA,
    /** The most popular posts. */
    TOP_MEDIA;

    String path() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
