package io.switchboard.instagram.graph;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * What {@code debug_token} says about a token.
 *
 * @param expiresAt null when the token never expires
 */
public record TokenInfo(boolean valid, @Nullable Instant expiresAt, List<String> scopes,
                        @Nullable String platformUserId) {
}
