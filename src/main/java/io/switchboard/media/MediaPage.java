package io.switchboard.media;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * One page of a list, newest first.
 *
 * @param next pass as {@code after} for the next page; null on the last page
 */
public record MediaPage(List<MediaItem> items, @Nullable Long next) {
}
