package io.switchboard.instagram.graph;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** A published post as the platform lists it; fields the platform did not return are null. */
public record MediaItem(String id, @Nullable String caption, @Nullable String mediaType, @Nullable String permalink,
                        @Nullable Instant timestamp) {
}
