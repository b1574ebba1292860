package io.switchboard.media;

import io.switchboard.media.SpecReport.Check;
import io.switchboard.media.SpecReport.Verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * TikTok's rules for a video sent through the Content Posting API (docs/development/platform-facts.md, "Media"):
 * MP4, MOV or WebM; H.264, HEVC, VP8 or VP9; 23–60 fps; 360 to 4096 px each way; 3 s to 10 min (a creator's own
 * maximum, from its creator info, can be lower and is checked before each post); at most 4 GB. It checks the file
 * TikTok receives: the publishable one, prepared to the Reels spec (which is within TikTok's but for length and a
 * picture under 360 px). There is no TikTok conversion, so every failure is one TikTok would refuse.
 */
public final class TikTokSpec {
    public static final Duration MIN_DURATION = Duration.ofSeconds(3);
    public static final Duration MAX_DURATION = Duration.ofMinutes(10);
    public static final long MAX_BYTES = 4L * 1024 * 1024 * 1024;
    public static final int MIN_SIDE = 360;
    public static final int MAX_SIDE = 4096;
    private static final Set<String> CODECS = Set.of("h264", "hevc", "vp8", "vp9");

    private TikTokSpec() {
    }

    public static SpecReport check(MediaFacts facts) {
        MediaFacts.Video video = facts.video();
        if (video == null || facts.still()) {
            return ReelsSpec.withoutVideo("TikTok", video);
        }
        List<Check> checks = new ArrayList<>();
        checks.add(rule("Container", facts.mp4Family() || facts.container().contains("webm"),
                facts.container(), "MP4, MOV or WebM"));
        checks.add(rule("Duration", !facts.duration().minus(MIN_DURATION).isNegative()
                        && facts.duration().compareTo(MAX_DURATION) <= 0,
                ReelsSpec.seconds(facts.duration()), "3 s to 10 min (or the creator's own maximum)"));
        checks.add(rule("File size", facts.sizeBytes() <= MAX_BYTES, ReelsSpec.megabytes(facts.sizeBytes()),
                "at most 4 GB"));
        checks.add(rule("Video codec", CODECS.contains(video.codec()), ReelsSpec.codecName(video.codec()),
                "H.264, HEVC, VP8 or VP9"));
        checks.add(rule("Frame rate", video.frameRate() >= 23 && video.frameRate() <= 60.01,
                String.format(Locale.ROOT, "%.2f fps", video.frameRate()), "23 to 60 fps"));
        int width = video.displayWidth();
        int height = video.displayHeight();
        checks.add(rule("Resolution", Math.min(width, height) >= MIN_SIDE && Math.max(width, height) <= MAX_SIDE,
                width + "×" + height, "360 to 4096 px each way"));
        return new SpecReport("TikTok", checks);
    }

    private static Check rule(String rule, boolean passed, String measured, String required) {
        return new Check(rule, passed ? Verdict.PASS : Verdict.REJECT, measured, required);
    }
}
