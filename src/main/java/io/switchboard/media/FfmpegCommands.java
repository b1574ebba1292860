package io.switchboard.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The ffmpeg arguments that make each rendition. */
final class FfmpegCommands {
    private static final List<String> QUIET = List.of("-hide_banner", "-nostdin", "-y", "-loglevel", "error");
    private static final List<String> PROGRESS = List.of("-progress", "pipe:1", "-nostats");
    /** No output file grows past this (the platform takes Reels up to 300 MB); a bigger one is refused. */
    static final long MAX_OUTPUT_BYTES = 512L * 1024 * 1024;
    private static final List<String> OUTPUT_LIMIT = List.of("-fs", String.valueOf(MAX_OUTPUT_BYTES));

    private FfmpegCommands() {
    }

    /**
     * To the Reels spec: H.264 High, yuv420p, at most 1920 px wide (aspect kept, even sizes), frame rate within
     * 23..60, bitrate capped; AAC 128 kbps 48 kHz stereo; index first. ffmpeg applies the rotation while decoding.
     */
    static List<String> reel(Path input, Path output, MediaFacts facts, String preset, int maxKbps) {
        List<String> args = input(input);
        args.addAll(List.of("-map", "0:v:0", "-map", "0:a:0?", "-vf", videoFilter(facts),
                "-c:v", "libx264", "-profile:v", "high", "-pix_fmt", "yuv420p", "-preset", preset, "-crf", "21",
                "-maxrate", maxKbps + "k", "-bufsize", 2 * maxKbps + "k",
                "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2",
                "-movflags", "+faststart"));
        args.addAll(OUTPUT_LIMIT);
        args.addAll(PROGRESS);
        args.add(output.toString());
        return args;
    }

    private static String videoFilter(MediaFacts facts) {
        String scale = "scale=w='trunc(min(" + ReelsSpec.MAX_WIDTH + ",iw)/2)*2':h=-2";
        double rate = facts.video() == null ? 30 : facts.video().frameRate();
        if (rate > 60.01) {
            return scale + ",fps=60";
        }
        return rate < 23 ? scale + ",fps=24" : scale;
    }

    /** To the image spec: centre-cropped into 4:5..1.91:1, 320..1440 px wide, 8-bit JPEG, metadata dropped. */
    static List<String> image(Path input, Path output, MediaFacts facts) {
        MediaFacts.Video picture = facts.video();
        double aspect = picture == null ? 1 : picture.aspectRatio();
        List<String> filters = new ArrayList<>();
        if (aspect < ImageSpec.MIN_ASPECT) {
            filters.add("crop=iw:trunc(iw*5/4/2)*2");
        } else if (aspect > ImageSpec.MAX_ASPECT) {
            filters.add("crop=trunc(ih*" + ImageSpec.MAX_ASPECT + "/2)*2:ih");
        }
        filters.add("scale=w='trunc(max(" + ImageSpec.MIN_WIDTH + ",min(" + ImageSpec.MAX_WIDTH + ",iw))/2)*2':h=-2");
        filters.add("format=yuvj420p");
        List<String> args = input(input);
        args.addAll(List.of("-frames:v", "1", "-vf", String.join(",", filters), "-q:v", "2", "-map_metadata", "-1"));
        args.addAll(OUTPUT_LIMIT);
        args.add(output.toString());
        return args;
    }

    /** The options before an untrusted input: quiet, no questions asked, only local files in accepted formats. */
    private static List<String> input(Path input) {
        List<String> args = new ArrayList<>(QUIET);
        args.addAll(MediaFormats.INPUT_RESTRICTIONS);
        args.addAll(List.of("-i", input.toString()));
        return args;
    }

    /** A cover JPEG at {@code offset} and a small thumbnail of the same frame, in one decode. */
    static List<String> cover(Path input, Duration offset, Path cover, Path thumbnail) {
        List<String> args = new ArrayList<>(QUIET);
        if (!offset.isZero()) {
            // seeking a single picture, even to 0, skips its only frame
            args.addAll(List.of("-ss", String.format(Locale.ROOT, "%.3f", offset.toMillis() / 1000.0)));
        }
        args.addAll(MediaFormats.INPUT_RESTRICTIONS);
        args.addAll(List.of("-i", input.toString(),
                "-map", "0:v:0", "-frames:v", "1", "-vf", "format=yuvj420p", "-q:v", "3",
                "-fs", String.valueOf(MAX_OUTPUT_BYTES), cover.toString(),
                "-map", "0:v:0", "-frames:v", "1", "-vf", "scale=w=360:h=-2,format=yuvj420p", "-q:v", "5",
                "-fs", String.valueOf(MAX_OUTPUT_BYTES), thumbnail.toString()));
        return args;
    }
}
