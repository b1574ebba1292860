package io.switchboard.media;

import io.switchboard.tasks.Outcome;
import io.switchboard.tasks.TaskContext;
import io.switchboard.tasks.TaskHandler;
import io.switchboard.tasks.TaskKind;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Prepares an upload for the platform: probe, check against the spec (the report is kept), then ready as it is,
 * transcoded to a compliant rendition that is probed and checked again, or rejected with the reason; and a cover
 * and thumbnail. Renditions reach storage only complete, so a crash anywhere leaves nothing half-written, and a
 * retry starts over.
 */
@Component
class PreparationRunner implements TaskHandler<PreparationRunner.Prepare> {
    static final TaskKind<Prepare> KIND = TaskKind.of("media.prepare", Prepare.class);
    private final MediaItems items;
    private final MediaStorage storage;
    private final MediaProbe probe;
    private final FfmpegTools tools;
    private final Covers covers;
    private final PreparationResults results;
    private final MediaSettings settings;
    private final MediaToolSettings toolSettings;
    private final MediaToolCheck toolCheck;

    record Prepare(long mediaId) {
    }

    PreparationRunner(MediaItems items, MediaStorage storage, MediaProbe probe, FfmpegTools tools, Covers covers,
                      PreparationResults results, MediaSettings settings, MediaToolSettings toolSettings,
                      MediaToolCheck toolCheck) {
        this.toolSettings = toolSettings;
        this.toolCheck = toolCheck;
        this.items = items;
        this.storage = storage;
        this.probe = probe;
        this.tools = tools;
        this.covers = covers;
        this.results = results;
        this.settings = settings;
    }

    @Override
    public TaskKind<Prepare> kind() {
        return KIND;
    }

    @Override
    public Outcome handle(Prepare payload, TaskContext context) throws IOException {
        var broken = toolCheck.problem();
        if (broken.isPresent()) {
            return MediaToolCheck.elsewhere(broken.get());
        }
        var found = items.byId(payload.mediaId());
        if (found.isEmpty()) {
            return Outcome.cancelled("media " + payload.mediaId() + " was deleted");
        }
        StoredItem item = found.get();
        results.started(item.id());
        try (WorkDir work = WorkDir.create(settings, "prepare-" + item.id() + "-")) {
            return prepare(item, original(item, work), work, context);
        }
    }

    /** The uploaded file on local disk: where the folder storage keeps it, or fetched from the bucket. */
    private Path original(StoredItem item, WorkDir work) throws IOException {
        var local = storage.localFile(item.originalKey());
        if (local.isPresent()) {
            return local.get();
        }
        Path copy = work.resolve("original." + MediaFormats.extension(item.originalKey()));
        storage.copyTo(item.originalKey(), copy);
        return copy;
    }

    private Outcome prepare(StoredItem item, Path original, WorkDir work, TaskContext context) throws IOException {
        MediaFacts facts;
        try {
            facts = probe.probe(original, context);
        } catch (MediaUnreadable e) {
            return reject(item, e.getMessage(), context);
        } catch (CancellationException e) {
            return stopped(item, context);
        }
        MediaType type = facts.still() ? MediaType.IMAGE : MediaType.VIDEO;
        SpecReport report = type == MediaType.IMAGE ? ImageSpec.check(facts) : ReelsSpec.check(facts);
        results.probed(item.id(), type, facts, report);
        context.info("Probed: " + (type == MediaType.IMAGE ? "image" : "video") + ", "
                + report.failures().size() + " of " + report.checks().size() + " rules out of spec");
        if (!report.fixable()) {
            return reject(item, report.rejection(), context);
        }
        Converted publishable = report.compliant() ? asUploaded(item, original, facts, report, context)
                : convert(item, original, facts, type, work, context);
        if (publishable instanceof Converted.NotMade(Outcome outcome)) {
            return outcome;
        }
        var file = (Converted.Made) publishable;
        List<StoredRendition> made = new ArrayList<>(List.of(file.rendition()));
        made.addAll(covers.make(item.id(), file.path(), facts,
                type == MediaType.IMAGE ? Duration.ZERO : item.coverOffset(), work, context));
        if (!results.ready(item.id(), made)) {
            removeMade(item, made);
            return Outcome.cancelled("media " + item.id() + " was deleted while it was prepared");
        }
        context.info("Ready");
        return Outcome.completed();
    }

    /** The publishable file, made (stored, with its local copy at {@code path}) or not (the task's outcome). */
    private sealed interface Converted {
        record Made(StoredRendition rendition, Path path) implements Converted {
        }

        record NotMade(Outcome outcome) implements Converted {
        }
    }

    private static Converted asUploaded(StoredItem item, Path original, MediaFacts facts, SpecReport report,
                                        TaskContext context) {
        context.info("Within the " + report.spec() + " spec: published as uploaded");
        return new Converted.Made(new StoredRendition(item.id(), item.originalKey(),
                Covers.rendition(RenditionKind.PUBLISHABLE, item.contentType(), facts, report)), original);
    }

    private Converted convert(StoredItem item, Path original, MediaFacts facts, MediaType type, WorkDir work,
                              TaskContext context) throws IOException {
        boolean image = type == MediaType.IMAGE;
        Path output = work.resolve(image ? "publishable.jpg" : "publishable.mp4");
        List<String> arguments = image ? FfmpegCommands.image(original, output, facts)
                : FfmpegCommands.reel(original, output, facts, settings.transcodePreset(), settings.videoMaxKbps());
        context.info(image ? "Converting to a JPEG within the image spec" : "Transcoding to the Reels spec");
        var result = FfmpegJob.run(tools.ffmpeg(arguments), facts.duration().toNanos() / 1000,
                toolSettings.ffmpegTimeout(), context);
        switch (result) {
            case FfmpegJob.Result.Stopped stopped -> {
                return new Converted.NotMade(stopped(item, context));
            }
            case FfmpegJob.Result.Failed failed -> {
                return new Converted.NotMade(Outcome.failed(failed.error()));
            }
            case FfmpegJob.Result.Finished finished -> context.progress(1, 1);
        }
        if (Files.size(output) >= FfmpegCommands.MAX_OUTPUT_BYTES) {
            return new Converted.NotMade(reject(item, "The converted file would be larger than "
                    + FfmpegCommands.MAX_OUTPUT_BYTES / (1024 * 1024) + " MB; shorten the video and upload it again.",
                    context));
        }
        MediaFacts made = probe.probe(output, context);
        SpecReport check = image ? ImageSpec.check(made) : ReelsSpec.check(made);
        if (!check.compliant()) {
            String reason = "The converted file is still out of spec: " + String.join("; ", check.failures().stream()
                    .map(c -> c.rule() + " " + c.measured() + " (needs " + c.required() + ")").toList());
            return new Converted.NotMade(reject(item, reason, context));
        }
        return new Converted.Made(covers.store(item.id(), RenditionKind.PUBLISHABLE, output, check, context), output);
    }

    /** ffmpeg or ffprobe was stopped: by an operator's cancel (the item says so), or for a lost lease. */
    private Outcome stopped(StoredItem item, TaskContext context) {
        if (context.cancelRequested()) {
            results.stopped(item.id());
            return Outcome.cancelled("Preparation stopped: cancelled by an operator");
        }
        return Outcome.failed("Preparation stopped: this instance lost the task's lease");
    }

    private Outcome reject(StoredItem item, String reason, TaskContext context) {
        context.warn("Rejected: " + reason);
        results.rejected(item.id(), reason);
        return Outcome.completed();
    }

    private void removeMade(StoredItem item, List<StoredRendition> made) throws IOException {
        for (StoredRendition rendition : made) {
            if (!rendition.storageKey().equals(item.originalKey())) {
                storage.delete(rendition.storageKey());
            }
        }
        storage.delete(item.originalKey());
    }
}
