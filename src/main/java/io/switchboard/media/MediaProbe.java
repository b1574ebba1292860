package io.switchboard.media;

import io.switchboard.tasks.TaskContext;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Reads what a media file is with ffprobe: container, streams, codecs, sizes, rates, and the MP4 box order.
 * ffprobe reads local files only, in the containers the library accepts, within a time limit, and says at most
 * {@value #MAX_OUTPUT} bytes about one.
 */
@Service
public class MediaProbe {
    static final int MAX_OUTPUT = 4 * 1024 * 1024;
    private final FfmpegTools tools;
    private final JsonMapper json;
    private final MediaToolSettings settings;

    MediaProbe(FfmpegTools tools, JsonMapper json, MediaToolSettings settings) {
        this.tools = tools;
        this.json = json;
        this.settings = settings;
    }

    /**
     * @throws MediaUnreadable       when the file is not media ffprobe can read, in time
     * @throws CancellationException when the calling thread was interrupted while ffprobe ran
     */
    public MediaFacts probe(Path file) {
        return probe(file, Thread.currentThread()::isInterrupted);
    }

    /** As {@link #probe(Path)}, and ffprobe is stopped as soon as the task is cancelled or loses its lease. */
    MediaFacts probe(Path file, TaskContext context) {
        return probe(file, () -> context.cancelRequested() || !context.leaseHeld());
    }

    private MediaFacts probe(Path file, BooleanSupplier stop) {
        JsonNode root = json.readTree(run(file, stop));
        JsonNode format = root.path("format");
        if (format.isMissingNode() || root.path("streams").isEmpty()) {
            throw new MediaUnreadable("No audio or video streams found: the file is not a video or image");
        }
        MediaFacts.Video video = null;
        MediaFacts.Audio audio = null;
        for (JsonNode stream : root.path("streams")) {
            String type = stream.path("codec_type").asText();
            if (type.equals("video") && video == null && !stream.path("disposition").path("attached_pic").asBoolean()) {
                video = video(stream);
            } else if (type.equals("audio") && audio == null) {
                audio = new MediaFacts.Audio(stream.path("codec_name").asText(), stream.path("sample_rate").asInt(),
                        stream.path("channels").asInt(), stream.path("bit_rate").asLong());
            }
        }
        double seconds = format.path("duration").asDouble(0);
        return new MediaFacts(format.path("format_name").asText(), Mp4Boxes.moovPosition(file),
                Duration.ofMillis(Math.round(seconds * 1000)), size(file), format.path("bit_rate").asLong(), video, audio);
    }

    private static MediaFacts.Video video(JsonNode stream) {
        int rotation = 0;
        for (JsonNode side : stream.path("side_data_list")) {
            if (side.has("rotation")) {
                rotation = Math.floorMod(-side.path("rotation").asInt(), 360);
            }
        }
        if (rotation == 0 && stream.path("tags").has("rotate")) {
            rotation = Math.floorMod(stream.path("tags").path("rotate").asInt(), 360);
        }
        return new MediaFacts.Video(stream.path("codec_name").asText(), text(stream, "profile"),
                stream.path("width").asInt(), stream.path("height").asInt(), rotation,
                rate(stream.path("avg_frame_rate").asText("0/0"), stream.path("r_frame_rate").asText("0/0")),
                text(stream, "pix_fmt"), text(stream, "field_order"), stream.path("bit_rate").asLong());
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.path(field).asText() : null;
    }

    private static double rate(String average, String nominal) {
        double value = fraction(average);
        return value > 0 ? value : fraction(nominal);
    }

    private static double fraction(String text) {
        String[] parts = text.split("/");
        try {
            double numerator = Double.parseDouble(parts[0]);
            double denominator = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
            return denominator == 0 ? 0 : numerator / denominator;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private String run(Path file, BooleanSupplier stop) {
        List<String> arguments = new ArrayList<>(List.of("-v", "error"));
        arguments.addAll(MediaFormats.INPUT_RESTRICTIONS);
        arguments.addAll(List.of("-print_format", "json", "-show_format", "-show_streams",
                file.toAbsolutePath().toString()));
        Duration timeout = settings.probeTimeout();
        try {
            return switch (ToolRun.run(tools.ffprobe(arguments), timeout, MAX_OUTPUT, stop)) {
                case ToolRun.Result.Finished(int exit, String output, List<String> errors) when exit == 0 -> output;
                case ToolRun.Result.Finished(int exit, String output, List<String> errors) -> {
                    String reason = errors.isEmpty() ? "ffprobe failed"
                            : errors.getLast().replace(file.toAbsolutePath() + ": ", "");
                    throw new MediaUnreadable("Not a readable video or image: " + reason);
                }
                case ToolRun.Result.TimedOut timedOut -> throw new MediaUnreadable("ffprobe could not read the file "
                        + "within " + timeout.toSeconds() + " s: it is not a video or image the library can use");
                case ToolRun.Result.OutputTooLarge tooLarge -> throw new MediaUnreadable("ffprobe's description of "
                        + "the file is larger than " + MAX_OUTPUT / (1024 * 1024) + " MB: not a video or image the "
                        + "library can use");
                case ToolRun.Result.Stopped stopped -> throw new CancellationException("stopped while ffprobe read "
                        + file.getFileName());
            };
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run ffprobe: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while ffprobe read " + file.getFileName());
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
