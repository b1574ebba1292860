package io.switchboard.media;

import io.switchboard.media.SpecReport.Check;
import io.switchboard.media.SpecReport.Verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The platform's Reels rules (../shared/PLATFORM.md, "Media specs"): MP4/MOV with the index first; H.264 or
 * HEVC, progressive, 4:2:0; AAC at most 48 kHz, 1–2 channels, 128 kbps; 23–60 fps; at most 1920 px wide;
 * aspect 0.01:1 to 10:1; at most 25 Mbps; 3 s to 15 min; at most 300 MB.
 */
public final class ReelsSpec {
    public static final Duration MIN_DURATION = Duration.ofSeconds(3);
    public static final Duration MAX_DURATION = Duration.ofMinutes(15);
    public static final long MAX_BYTES = 300L * 1024 * 1024;
    public static final int MAX_WIDTH = 1920;
    public static final long MAX_VIDEO_BITS = 25_000_000;
    public static final long MAX_AUDIO_BITS = 128_000;
    private static final Set<String> VIDEO_CODECS = Set.of("h264", "hevc");
    private static final Set<String> PIXEL_FORMATS_420 = Set.of("yuv420p", "yuvj420p", "nv12", "yuv420p10le");

    private ReelsSpec() {
    }

    public static SpecReport check(MediaFacts facts) {
        MediaFacts.Video video = facts.video();
        if (video == null || facts.still()) {
            return ReelsSpec.withoutVideo("Reels", video);
        }
        List<Check> checks = new ArrayList<>();
        checks.add(rule("Container", facts.mp4Family(), Verdict.FIX, facts.container(), "MP4 or MOV"));
        checks.add(rule("Index (moov) before media", facts.moov() == MediaFacts.MoovPosition.FIRST, Verdict.FIX,
                switch (facts.moov()) {
                    case FIRST -> "at the start";
                    case LAST -> "at the end";
                    case NOT_APPLICABLE -> "no MP4 index";
                },
                "at the start (faststart)"));
        checks.add(rule("Duration", !facts.duration().minus(MIN_DURATION).isNegative()
                        && facts.duration().compareTo(MAX_DURATION) <= 0, Verdict.REJECT, seconds(facts.duration()),
                "3 s to 15 min"));
        checks.add(rule("File size", facts.sizeBytes() <= MAX_BYTES, Verdict.FIX, megabytes(facts.sizeBytes()),
                "at most 300 MB"));
        checks.add(rule("Video codec", VIDEO_CODECS.contains(video.codec()), Verdict.FIX, codecName(video.codec()),
                "H.264 or HEVC"));
        checks.add(rule("Scan", video.fieldOrder() == null || video.fieldOrder().equals("progressive")
                        || video.fieldOrder().equals("unknown"), Verdict.FIX,
                video.fieldOrder() == null ? "progressive" : video.fieldOrder(), "progressive"));
        checks.add(rule("Chroma subsampling", video.pixelFormat() != null
                        && PIXEL_FORMATS_420.contains(video.pixelFormat()), Verdict.FIX,
                String.valueOf(video.pixelFormat()), "4:2:0"));
        checks.add(rule("Frame rate", video.frameRate() >= 23 && video.frameRate() <= 60.01, Verdict.FIX,
                String.format(Locale.ROOT, "%.2f fps", video.frameRate()), "23 to 60 fps"));
        checks.add(rule("Width", video.displayWidth() <= MAX_WIDTH, Verdict.FIX, video.displayWidth() + " px",
                "at most 1920 px"));
        double aspect = video.aspectRatio();
        checks.add(rule("Aspect ratio", aspect >= 0.01 && aspect <= 10, Verdict.REJECT,
                video.displayWidth() + "×" + video.displayHeight(), "0.01:1 to 10:1 (9:16 recommended)"));
        long videoBits = video.bitRate() > 0 ? video.bitRate() : facts.bitRate();
        checks.add(rule("Video bitrate", videoBits <= MAX_VIDEO_BITS, Verdict.FIX, megabits(videoBits),
                "at most 25 Mbps"));
        MediaFacts.Audio audio = facts.audio();
        if (audio == null) {
            checks.add(new Check("Audio", Verdict.PASS, "none", "AAC, or no audio"));
        } else {
            checks.add(rule("Audio codec", audio.codec().equals("aac"), Verdict.FIX, codecName(audio.codec()), "AAC"));
            checks.add(rule("Audio sample rate", audio.sampleRate() > 0 && audio.sampleRate() <= 48_000, Verdict.FIX,
                    audio.sampleRate() / 1000.0 + " kHz", "at most 48 kHz"));
            checks.add(rule("Audio channels", audio.channels() >= 1 && audio.channels() <= 2, Verdict.FIX,
                    String.valueOf(audio.channels()), "1 or 2"));
            checks.add(rule("Audio bitrate", audio.bitRate() <= MAX_AUDIO_BITS * 105 / 100, Verdict.FIX,
                    audio.bitRate() / 1000 + " kbps", "at most 128 kbps"));
        }
        return new SpecReport("Reels", checks);
    }

    private static Check rule(String rule, boolean passed, Verdict otherwise, String measured, String required) {
        return new Check(rule, passed ? Verdict.PASS : otherwise, measured, required);
    }

    /** The report of a file with no video to check (none at all, or a still image): one rejected rule. */
    static SpecReport withoutVideo(String platform, MediaFacts.@org.jspecify.annotations.Nullable Video video) {
        return new SpecReport(platform, List.of(new Check("Video stream", Verdict.REJECT,
                video == null ? "none" : "a still image", "a video track")));
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    static String megabits(long bits) {
        return String.format(Locale.ROOT, "%.1f Mbps", bits / 1_000_000.0);
    }

    static String codecName(String codec) {
        return switch (codec) {
            case "h264" -> "H.264";
            case "hevc" -> "HEVC";
            case "mpeg4" -> "MPEG-4 Part 2";
            case "aac" -> "AAC";
            case "mp3" -> "MP3";
            default -> codec;
        };
    }
}
