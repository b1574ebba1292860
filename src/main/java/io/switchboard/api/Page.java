package io.switchboard.api;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * One page of a list.
 *
 * @param nextCursor pass as {@code cursor} for the following page; null on the last page
 */
record Page<T>(List<T> items, @Nullable String nextCursor) {
}
