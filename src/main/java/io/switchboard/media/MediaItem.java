package io.switchboard.media;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A media item of the library.
 *
 * @param type           VIDEO or IMAGE, as ffprobe found it once prepared (until then, guessed from the file name)
 * @param title          the operator's name for it (the file name until changed)
 * @param tags           lower-case tags, sorted
 * @param defaultCaption the caption a post uses unless a campaign says otherwise; may be empty
 * @param coverOffset    where in a video the cover is taken
 * @param sizeBytes      the uploaded file's size
 * @param rejection      why it cannot be used; null unless REJECTED
 * @param publishable    the file that goes to the platform; null unless READY
 * @param usedBy         holders that scheduled it ("campaign:42"); it cannot be deleted while any is left
 */
public record MediaItem(long id, MediaType type, MediaStatus status, String title, String originalName,
                        List<String> tags, String defaultCaption, Duration coverOffset, long sizeBytes,
                        @Nullable String rejection, @Nullable Rendition publishable, List<String> usedBy,
                        OffsetDateTime createdAt) {

    public boolean ready() {
        return status == MediaStatus.READY;
    }

    public boolean used() {
        return !usedBy.isEmpty();
    }
}
