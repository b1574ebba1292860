package io.switchboard.media;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * Everything known about a media item, for its page.
 *
 * @param originalFacts  what ffprobe read from the upload; null until probed or when unreadable
 * @param originalReport the upload checked rule by rule against the spec; null until probed
 * @param renditions     the files made from it (publishable, cover, thumbnail)
 * @param prepareTaskId  the task that prepared (or prepares) it; null before the first
 */
public record MediaDetail(MediaItem item, @Nullable MediaFacts originalFacts, @Nullable SpecReport originalReport,
                          List<Rendition> renditions, @Nullable Long prepareTaskId) {
}
