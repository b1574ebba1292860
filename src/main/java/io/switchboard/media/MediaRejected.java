package io.switchboard.media;

/** A media item cannot be used; {@code reason} says why, for the operator. Published when it is recorded. */
public record MediaRejected(long mediaId, String reason) {
}
