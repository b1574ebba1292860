package io.switchboard.media;

import org.jspecify.annotations.Nullable;

import java.time.Duration;

/**
 * A file made from a media item.
 *
 * @param sizeBytes bytes in storage
 * @param width     pixels as displayed (rotation applied)
 * @param height    pixels as displayed
 * @param duration  zero for pictures
 * @param facts     what ffprobe read from this file
 * @param report    the file checked against the platform's spec (null for thumbnails)
 */
public record Rendition(RenditionKind kind, String contentType, long sizeBytes, int width, int height,
                        Duration duration, @Nullable MediaFacts facts, @Nullable SpecReport report) {
}
