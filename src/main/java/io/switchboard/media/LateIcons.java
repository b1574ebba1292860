package io.switchboard.media;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The icon of an item prepared before icons existed, made from its thumbnail on the first request of it (a few
 * milliseconds: a 360 px JPEG scaled in the JDK) and kept. Written under its own key and saved only while the
 * thumbnail it was made from is still the item's, so a new cover taken meanwhile (which makes its own icon) is
 * never shown with the old picture.
 */
@Component
class LateIcons {
    private static final Logger log = LoggerFactory.getLogger(LateIcons.class);
    private final MediaRenditions renditions;
    private final MediaStorage storage;

    LateIcons(MediaRenditions renditions, MediaStorage storage) {
        this.renditions = renditions;
        this.storage = storage;
    }

    /** The item's icon, made now from its thumbnail if it had none; empty when it has no thumbnail either. */
    Optional<StoredRendition> of(long mediaId) throws IOException {
        var icon = renditions.find(mediaId, RenditionKind.ICON);
        if (icon.isPresent()) {
            return icon;
        }
        var thumbnail = renditions.thumbnail(mediaId);
        if (thumbnail.isEmpty()) {
            return Optional.empty();
        }
        StoredRendition from = thumbnail.get().stored();
        Icons.Made made;
        try (InputStream in = storage.read(from.storageKey(), 0, from.rendition().sizeBytes())) {
            made = Icons.of(in);
        }
        String key = "media/" + mediaId + "/icon-" + thumbnail.get().madeAt().toInstant().toEpochMilli() + ".jpg";
        StoredRendition stored = Covers.storeIcon(mediaId, key, made, storage);
        if (!renditions.saveIconOf(thumbnail.get(), key, stored.rendition())) {
            var saved = renditions.find(mediaId, RenditionKind.ICON);
            if (saved.isEmpty() || !saved.get().storageKey().equals(key)) {
                storage.delete(key);
            }
            log.debug("Media {} got its icon otherwise meanwhile (a new cover, or another request)", mediaId);
            return saved;
        }
        return Optional.of(stored);
    }
}
