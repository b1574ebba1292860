package io.switchboard.media;

import io.switchboard.tasks.TaskContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Makes and stores the cover JPEG (at the item's offset, kept inside the clip), the thumbnail and the icon of a
 * prepared file.
 */
@Component
class Covers {
    private static final Duration BEFORE_END = Duration.ofMillis(100);
    private final FfmpegTools tools;
    private final MediaProbe probe;
    private final MediaStorage storage;
    private final MediaToolSettings settings;

    Covers(FfmpegTools tools, MediaProbe probe, MediaStorage storage, MediaToolSettings settings) {
        this.tools = tools;
        this.probe = probe;
        this.storage = storage;
        this.settings = settings;
    }

    /** The cover, thumbnail and icon renditions, stored; {@link FfmpegJob.Result} other than finished as a failure. */
    List<StoredRendition> make(long mediaId, Path source, MediaFacts facts, Duration offset, WorkDir work,
                               TaskContext context) throws IOException {
        Path cover = work.resolve("cover.jpg");
        Path thumbnail = work.resolve("thumbnail.jpg");
        var result = FfmpegJob.run(tools.ffmpeg(FfmpegCommands.cover(source, within(offset, facts), cover, thumbnail)),
                0, settings.ffmpegTimeout(), context);
        if (!(result instanceof FfmpegJob.Result.Finished)) {
            throw new IOException("Could not take the cover picture: " + result);
        }
        return List.of(store(mediaId, RenditionKind.COVER, cover, null, context),
                store(mediaId, RenditionKind.THUMBNAIL, thumbnail, null, context),
                storeIcon(mediaId, thumbnail));
    }

    private StoredRendition storeIcon(long mediaId, Path thumbnail) throws IOException {
        Icons.Made icon;
        try (var in = java.nio.file.Files.newInputStream(thumbnail)) {
            icon = Icons.of(in);
        }
        return storeIcon(mediaId, "media/" + mediaId + "/" + RenditionKind.ICON.fileName("jpg"), icon, storage);
    }

    /** Writes an icon's bytes to {@code key}; the rendition says what was written there. */
    static StoredRendition storeIcon(long mediaId, String key, Icons.Made icon, MediaStorage storage) throws IOException {
        storage.write(key, new java.io.ByteArrayInputStream(icon.jpeg()), "image/jpeg");
        return new StoredRendition(mediaId, key, new Rendition(RenditionKind.ICON, "image/jpeg", icon.jpeg().length,
                icon.width(), icon.height(), Duration.ZERO, null, null));
    }

    private static Duration within(Duration offset, MediaFacts facts) {
        if (facts.duration().isZero()) {
            return Duration.ZERO;
        }
        Duration last = facts.duration().minus(BEFORE_END);
        return offset.compareTo(last) > 0 ? (last.isNegative() ? Duration.ZERO : last) : offset;
    }

    /** Stores a made file under the item's key for {@code kind}; {@code report} is its spec check, if any. */
    StoredRendition store(long mediaId, RenditionKind kind, Path file, @Nullable SpecReport report,
                          TaskContext context) throws IOException {
        MediaFacts facts = probe.probe(file, context);
        String extension = MediaFormats.extension(file.getFileName().toString());
        String key = "media/" + mediaId + "/" + kind.fileName(extension);
        String contentType = MediaFormats.contentType(file.getFileName().toString());
        storage.write(key, file, contentType);
        return new StoredRendition(mediaId, key, rendition(kind, contentType, facts, report));
    }

    static Rendition rendition(RenditionKind kind, String contentType, MediaFacts facts,
                               @Nullable SpecReport report) {
        MediaFacts.Video video = facts.video();
        return new Rendition(kind, contentType, facts.sizeBytes(), video == null ? 0 : video.displayWidth(),
                video == null ? 0 : video.displayHeight(), facts.still() ? Duration.ZERO : facts.duration(), facts,
                report);
    }
}
