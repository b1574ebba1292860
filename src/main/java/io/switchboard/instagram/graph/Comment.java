package io.switchboard.instagram.graph;

import org.jspecify.annotations.Nullable;

/** A comment on a post: its id, its text, and who wrote it (null when the platform did not say). */
public record Comment(String id, String text, @Nullable String username) {
}
