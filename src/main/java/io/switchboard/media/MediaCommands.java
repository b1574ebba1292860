package io.switchboard.media;

import io.switchboard.tasks.TaskRequest;
import io.switchboard.tasks.Tasks;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.util.List;

/** The library's changes, each in one transaction with the tasks it submits. */
@Service
class MediaCommands {
    static final String QUEUE = "media";
    private final MediaItems items;
    private final MediaRenditions renditions;
    private final MediaUsages usages;
    private final ItemViews views;
    private final Tasks tasks;

    MediaCommands(MediaItems items, MediaRenditions renditions, MediaUsages usages, ItemViews views, Tasks tasks) {
        this.items = items;
        this.renditions = renditions;
        this.usages = usages;
        this.views = views;
        this.tasks = tasks;
    }

    /** Records an upload and queues its preparation; the existing item when the bytes are already known. */
    @Transactional
    UploadResult register(MediaItems.NewItem item) {
        var existing = items.byHash(item.contentHash());
        if (existing.isPresent()) {
            return new UploadResult.Duplicate(views.of(existing.get()));
        }
        var id = items.insert(item);
        if (id.isEmpty()) {
            return new UploadResult.Duplicate(views.of(items.byHash(item.contentHash()).orElseThrow()));
        }
        submitPreparation(id.get());
        return new UploadResult.Stored(views.of(items.byId(id.get()).orElseThrow()));
    }

    @Transactional
    void prepareAgain(long mediaId) {
        StoredItem item = items.lock(mediaId).orElseThrow(() -> notFound(mediaId));
        if (item.status() == MediaStatus.PREPARING) {
            throw new MediaProblem("Media " + mediaId + " is being prepared right now; wait for it to finish.");
        }
        submitPreparation(mediaId);
    }

    private void submitPreparation(long mediaId) {
        long taskId = tasks.submit(TaskRequest.of(PreparationRunner.KIND, new PreparationRunner.Prepare(mediaId))
                .withQueue(QUEUE).withUniqueKey(PreparationRunner.KIND.name() + ":" + mediaId).withMaxAttempts(3)).id();
        items.preparing(mediaId, taskId);
    }

    @Transactional
    void describe(long mediaId, MediaDescription description) {
        StoredItem item = items.lock(mediaId).orElseThrow(() -> notFound(mediaId));
        Duration coverOffset = description.coverOffset();
        items.describe(mediaId, description.title(), description.defaultCaption(), coverOffset);
        items.replaceTags(mediaId, description.tags());
        if (!coverOffset.equals(item.coverOffset()) && item.status() == MediaStatus.READY
                && item.type() == MediaType.VIDEO) {
            tasks.submit(TaskRequest.of(CoverRunner.KIND, new CoverRunner.Cover(mediaId)).withQueue(QUEUE)
                    .withUniqueKey(CoverRunner.KIND.name() + ":" + mediaId + ":" + coverOffset.toMillis()));
        }
    }

    /** Deletes the item's rows; returns its storage keys for the caller to remove once committed. */
    @Transactional
    List<String> delete(long mediaId) {
        StoredItem item = items.lock(mediaId).orElseThrow(() -> notFound(mediaId));
        List<String> holders = usages.holders(List.of(mediaId)).getOrDefault(mediaId, List.of());
        if (!holders.isEmpty()) {
            throw new MediaProblem("“" + item.title() + "” cannot be deleted: it is scheduled by "
                    + String.join(", ", holders) + ". Cancel or finish those posts first.");
        }
        if (item.status() == MediaStatus.PREPARING && item.prepareTaskId() != null) {
            tasks.cancel(item.prepareTaskId());
        }
        List<String> keys = new java.util.ArrayList<>(List.of(item.originalKey()));
        renditions.of(mediaId).stream().map(StoredRendition::storageKey).filter(k -> !keys.contains(k))
                .forEach(keys::add);
        items.delete(mediaId);
        return keys;
    }

    @Transactional
    void hold(long mediaId, String holder) {
        StoredItem item = items.lock(mediaId).orElseThrow(() -> notFound(mediaId));
        if (item.status() != MediaStatus.READY) {
            throw new MediaProblem("Media " + mediaId + " (“" + item.title() + "”) is " + item.status()
                    + ", not READY: only ready media can be scheduled.");
        }
        usages.hold(mediaId, holder);
    }

    @Transactional
    int release(String holder) {
        return usages.release(holder);
    }

    static MediaProblem notFound(long mediaId) {
        return new MediaProblem("There is no media " + mediaId + "; it may have been deleted.");
    }
}
