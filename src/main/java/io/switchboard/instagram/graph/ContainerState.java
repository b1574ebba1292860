package io.switchboard.instagram.graph;

/** A container's {@code status_code}. */
public enum ContainerState {
    /** The platform is still fetching or processing the media. */
    IN_PROGRESS,
    /** Ready to publish. */
    FINISHED,
    /** Published: never publish it again (record its media instead). */
    PUBLISHED,
    /** Processing failed; the status names the reason. */
    ERROR,
    /** Not published within 24 hours: make a new container. */
    EXPIRED
}
