package io.switchboard.sandbox;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;

/** A publish: the media it made, from which container, when. */
record SandboxPost(long id, long accountId, long containerId, String mediaType, @Nullable String mediaUrl,
                   @Nullable String caption, OffsetDateTime publishedAt) {
}
