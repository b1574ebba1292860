package io.switchboard.instagram.graph;

/** A published post: its media id (use {@link InstagramGraph#media} for its permalink). */
public record PublishedMedia(String mediaId) {
}
