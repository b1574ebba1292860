package io.switchboard.media;

/** How an upload ended. */
public sealed interface UploadResult {

    /** Stored as a new item; its preparation is queued. */
    record Stored(MediaItem item) implements UploadResult {
    }

    /** The same bytes are already in the library: nothing was stored, here is the existing item. */
    record Duplicate(MediaItem existing) implements UploadResult {
    }

    /** Not stored; {@code reason} names the limit and what to do. */
    record Refused(String reason) implements UploadResult {
    }
}
