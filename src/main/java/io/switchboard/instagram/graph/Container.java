package io.switchboard.instagram.graph;

import org.jspecify.annotations.Nullable;

import java.net.URI;

/**
 * A created container.
 *
 * @param uploadUri where a resumable upload's bytes go ({@link InstagramGraph#upload}); null otherwise
 */
public record Container(String id, @Nullable URI uploadUri) {
}
