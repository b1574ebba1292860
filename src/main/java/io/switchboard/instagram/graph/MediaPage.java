package io.switchboard.instagram.graph;

import org.jspecify.annotations.Nullable;

import java.util.List;

/** One page of posts, newest first; {@code after} is the cursor for the next page, null on the last. */
public record MediaPage(List<MediaItem> items, @Nullable String after) {
}
