package io.switchboard.media;

/** A media item got a publishable rendition that meets the platform's spec; published when it is recorded. */
public record MediaReady(long mediaId, MediaType type) {
}
