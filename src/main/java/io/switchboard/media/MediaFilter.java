package io.switchboard.media;

import org.jspecify.annotations.Nullable;

/**
 * Which media a list shows; a null part does not filter.
 *
 * @param tag  only media with this tag
 * @param used true: only media some holder scheduled; false: only media nobody holds
 */
public record MediaFilter(@Nullable MediaType type, @Nullable MediaStatus status, @Nullable String tag,
                          @Nullable Boolean used) {

    public static MediaFilter all() {
        return new MediaFilter(null, null, null, null);
    }
}
