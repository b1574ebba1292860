package io.switchboard.insights;

import io.switchboard.publishing.PostType;

import java.time.OffsetDateTime;

/** A post whose metrics are due to be read. */
record DuePost(long postId, String mediaId, PostType type, OffsetDateTime publishedAt) {
}
