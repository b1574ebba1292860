package io.switchboard.media;

/** ffprobe could not read the file as media (corrupt, truncated, or not media at all); the message says why. */
public class MediaUnreadable extends RuntimeException {
    public MediaUnreadable(String message) {
        super(message);
    }

    public MediaUnreadable(String message, Throwable cause) {
        super(message, cause);
    }
}
