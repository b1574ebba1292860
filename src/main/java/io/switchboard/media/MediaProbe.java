package io.switchboard.media;

import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Reads what a media file is with ffprobe: container, streams, codecs, sizes, rates, and the MP4 box order. */
@Service
public class MediaProbe {
    private static final long TIMEOUT_SECONDS = 60;
    private final FfmpegTools tools;
    private final JsonMapper json;

    MediaProbe(FfmpegTools tools, JsonMapper json) {
        this.tools = tools;
        this.json = json;
    }

    /** @throws MediaUnreadable when the file is not media ffprobe can read */
    public MediaFacts probe(Path file) {
        JsonNode root = json.readTree(run(file));
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

    private String run(Path file) {
        try {
            Process process = tools.ffprobe(List.of("-v", "error", "-print_format", "json", "-show_format",
                    "-show_streams", file.toAbsolutePath().toString())).start();
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String output = read(process.getInputStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new MediaUnreadable("ffprobe took longer than " + TIMEOUT_SECONDS + " s to read the file");
            }
            if (process.exitValue() != 0) {
                String reason = errors.join().strip().replace(file.toAbsolutePath() + ": ", "");
                throw new MediaUnreadable("Not a readable video or image: "
                        + (reason.isEmpty() ? "ffprobe failed" : reason.lines().reduce((a, b) -> b).orElse(reason)));
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run ffprobe: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaUnreadable("Interrupted while reading the file", e);
        }
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
