package io.switchboard.media;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** Records what preparation found and made, each outcome in one transaction with its event. */
@Service
class PreparationResults {
    private final MediaItems items;
    private final MediaRenditions renditions;
    private final MediaJson json;
    private final ApplicationEventPublisher events;

    PreparationResults(MediaItems items, MediaRenditions renditions, MediaJson json, ApplicationEventPublisher events) {
        this.items = items;
        this.renditions = renditions;
        this.json = json;
        this.events = events;
    }

    @Transactional
    void started(long mediaId) {
        items.preparing(mediaId, null);
    }

    @Transactional
    void probed(long mediaId, MediaType type, MediaFacts facts, SpecReport report) {
        items.probed(mediaId, type, json.write(facts), json.write(report));
    }

    /** False when the item was deleted meanwhile. */
    @Transactional
    boolean rejected(long mediaId, String reason) {
        if (items.lock(mediaId).isEmpty()) {
            return false;
        }
        items.settle(mediaId, MediaStatus.REJECTED, reason);
        events.publishEvent(new MediaRejected(mediaId, reason));
        return true;
    }

    @Transactional
    void stopped(long mediaId) {
        if (items.lock(mediaId).isPresent()) {
            items.settle(mediaId, MediaStatus.UPLOADED, null);
        }
    }

    /** Records the renditions and marks the item ready; false when the item was deleted meanwhile. */
    @Transactional
    boolean ready(long mediaId, List<StoredRendition> made) {
        var item = items.lock(mediaId);
        if (item.isEmpty()) {
            return false;
        }
        made.forEach(r -> renditions.save(mediaId, r.storageKey(), r.rendition()));
        items.settle(mediaId, MediaStatus.READY, null);
        events.publishEvent(new MediaReady(mediaId, item.get().type()));
        return true;
    }

    /** A new cover for a ready item; false when the item was deleted meanwhile. */
    @Transactional
    boolean covered(long mediaId, List<StoredRendition> made) {
        if (items.lock(mediaId).isEmpty()) {
            return false;
        }
        made.forEach(r -> renditions.save(mediaId, r.storageKey(), r.rendition()));
        return true;
    }
}
