package io.switchboard.media;

/** Where a media item is on its way to the platform. */
public enum MediaStatus {
    /** Stored; its preparation has not started yet. */
    UPLOADED,
    /** Being probed, checked against the spec and, if needed, transcoded. */
    PREPARING,
    /** Has a publishable rendition that meets the platform's spec. */
    READY,
    /** Cannot be used (too short, not media, no picture); {@link MediaItem#rejection()} says why. */
    REJECTED;

    public boolean settled() {
        return this == READY || this == REJECTED;
    }
}
