package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;

/**
 * A post's first comment and how far it got.
 *
 * @param requestedAt when a run recorded that it comments (before the call); null before
 * @param commentId   the platform's id of the comment once it is known
 * @param error       why it failed (FAILED), or the last passing problem (PENDING)
 */
public record FirstComment(long postId, String message, Status status, @Nullable OffsetDateTime requestedAt,
                           @Nullable String commentId, @Nullable String error, @Nullable OffsetDateTime postedAt) {

    public enum Status {
        PENDING, POSTED, FAILED;

        String dbValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status fromDb(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
