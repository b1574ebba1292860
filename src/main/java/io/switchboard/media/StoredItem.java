package io.switchboard.media;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.OffsetDateTime;

/** A media item's row as stored, with what only this module sees (storage key, hash, raw JSON). */
record StoredItem(long id, MediaType type, MediaStatus status, String title, String originalName, String contentType,
                  long sizeBytes, String contentHash, String originalKey, String defaultCaption,
                  Duration coverOffset, @Nullable String rejection, @Nullable String factsJson,
                  @Nullable String reportJson, @Nullable Long prepareTaskId, OffsetDateTime createdAt) {
}
