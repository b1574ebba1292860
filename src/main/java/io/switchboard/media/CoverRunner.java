package io.switchboard.media;

import io.switchboard.tasks.Outcome;
import io.switchboard.tasks.TaskContext;
import io.switchboard.tasks.TaskHandler;
import io.switchboard.tasks.TaskKind;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Path;

/** Takes a ready video's cover again after its cover offset changed. */
@Component
class CoverRunner implements TaskHandler<CoverRunner.Cover> {
    static final TaskKind<Cover> KIND = TaskKind.of("media.cover", Cover.class);
    private final MediaItems items;
    private final MediaRenditions renditions;
    private final MediaStorage storage;
    private final Covers covers;
    private final PreparationResults results;
    private final MediaSettings settings;
    private final MediaToolCheck toolCheck;

    record Cover(long mediaId) {
    }

    CoverRunner(MediaItems items, MediaRenditions renditions, MediaStorage storage, Covers covers,
                PreparationResults results, MediaSettings settings, MediaToolCheck toolCheck) {
        this.toolCheck = toolCheck;
        this.items = items;
        this.renditions = renditions;
        this.storage = storage;
        this.covers = covers;
        this.results = results;
        this.settings = settings;
    }

    @Override
    public TaskKind<Cover> kind() {
        return KIND;
    }

    @Override
    public Outcome handle(Cover payload, TaskContext context) throws IOException {
        var broken = toolCheck.problem();
        if (broken.isPresent()) {
            return MediaToolCheck.elsewhere(broken.get());
        }
        var item = items.byId(payload.mediaId());
        var publishable = renditions.find(payload.mediaId(), RenditionKind.PUBLISHABLE);
        if (item.isEmpty() || publishable.isEmpty() || publishable.get().rendition().facts() == null) {
            return Outcome.cancelled("media " + payload.mediaId() + " is deleted or not ready");
        }
        try (WorkDir work = WorkDir.create(settings, "cover-" + payload.mediaId() + "-")) {
            String key = publishable.get().storageKey();
            Path source = storage.localFile(key).orElse(work.resolve("publishable." + MediaFormats.extension(key)));
            if (!java.nio.file.Files.exists(source)) {
                storage.copyTo(key, source);
            }
            var made = covers.make(payload.mediaId(), source, publishable.get().rendition().facts(),
                    item.get().coverOffset(), work, context);
            var lateIcon = renditions.find(payload.mediaId(), RenditionKind.ICON).map(StoredRendition::storageKey)
                    .filter(k -> made.stream().noneMatch(r -> r.storageKey().equals(k)));
            if (!results.covered(payload.mediaId(), made)) {
                return Outcome.cancelled("media " + payload.mediaId() + " was deleted");
            }
            if (lateIcon.isPresent()) {
                storage.delete(lateIcon.get()); // an icon made on request before this cover: replaced
            }
        }
        context.info("Cover taken at " + item.get().coverOffset().toMillis() + " ms");
        return Outcome.completed();
    }
}
