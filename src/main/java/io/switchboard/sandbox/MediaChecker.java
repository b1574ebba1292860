package io.switchboard.sandbox;

import io.switchboard.media.MediaFacts;
import io.switchboard.media.MediaProbe;
import io.switchboard.media.MediaUnreadable;
import io.switchboard.media.ReelsSpec;
import io.switchboard.media.SpecReport;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Decides, like Meta does after fetching, whether media fits what the container asked for: Reels and carousel
 * videos by the Reels spec, story videos by the story limits, images by the JPEG, size, aspect and width rules.
 */
@Component
@Conditional(SandboxEnabled.class)
class MediaChecker {
    static final String IMAGE_FEED = "image-feed";
    static final String IMAGE_STORY = "image-story";
    static final String REEL = "reel";
    static final String VIDEO_STORY = "video-story";
    private static final long MAX_IMAGE_BYTES = 8L * 1024 * 1024;
    private static final long MAX_STORY_VIDEO_BYTES = 100L * 1024 * 1024;
    private static final Set<String> STORY_VIDEO_CODECS = Set.of("h264", "hevc");
    /**
     * ffprobe runs at once on an instance: each keeps a core busy for a moment. Fetches are many at once
     * ({@link MediaFetches}); each distinct file is probed once, and these bound the probes of different files.
     */
    static final int PROBES_AT_ONCE = 4;
    private final MediaProbe probe;
    private final java.util.concurrent.Semaphore probes = new java.util.concurrent.Semaphore(PROBES_AT_ONCE);

    MediaChecker(MediaProbe probe) {
        this.probe = probe;
    }

    static String kind(SandboxContainer container) {
        return switch (container.mediaType()) {
            case "STORIES" -> container.video() ? VIDEO_STORY : IMAGE_STORY;
            case "REELS", "VIDEO" -> REEL;
            default -> IMAGE_FEED;
        };
    }

    MediaVerdict check(String kind, Path file) {
        MediaFacts facts;
        try {
            probes.acquire();
            try {
                facts = probe.probe(file);
            } finally {
                probes.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to probe", e);
        } catch (MediaUnreadable e) {
            return kind.startsWith("image") ? imageFormat("the file is not an image: " + e.getMessage())
                    : videoFormat("the file is not a video: " + e.getMessage());
        }
        return switch (kind) {
            case REEL -> reel(facts);
            case VIDEO_STORY -> storyVideo(facts);
            default -> image(facts, kind.equals(IMAGE_FEED));
        };
    }

    private static MediaVerdict reel(MediaFacts facts) {
        SpecReport report = ReelsSpec.check(facts);
        if (report.compliant()) {
            return MediaVerdict.ACCEPTED;
        }
        return videoFormat(String.join("; ", report.failures().stream()
                .map(c -> c.rule() + " " + c.measured() + " (needs " + c.required() + ")").toList()));
    }

    private static MediaVerdict storyVideo(MediaFacts facts) {
        MediaFacts.Video video = facts.video();
        if (video == null || facts.still() || !STORY_VIDEO_CODECS.contains(video.codec())) {
            return videoFormat("a story video is H.264 or HEVC");
        }
        if (facts.duration().compareTo(Duration.ofSeconds(3)) < 0 || facts.duration().compareTo(Duration.ofSeconds(60)) > 0) {
            return videoFormat("a story video lasts 3 to 60 s");
        }
        if (facts.sizeBytes() > MAX_STORY_VIDEO_BYTES) {
            return videoFormat("a story video is at most 100 MB");
        }
        return MediaVerdict.ACCEPTED;
    }

    private static MediaVerdict image(MediaFacts facts, boolean feed) {
        MediaFacts.Video picture = facts.video();
        if (picture == null || !facts.still() || !picture.codec().equals("mjpeg")) {
            return imageFormat("only JPEG images are accepted");
        }
        if (facts.sizeBytes() > MAX_IMAGE_BYTES) {
            return MediaVerdict.failed(36000, 2207004, "The image size is too large: "
                    + facts.sizeBytes() / 1024 + " KB, at most 8 MB.");
        }
        if (!feed) {
            return MediaVerdict.ACCEPTED;
        }
        double aspect = picture.aspectRatio();
        if (aspect < 0.8 - 0.005 || aspect > 1.91 + 0.005) {
            return MediaVerdict.failed(36003, 2207009, String.format(Locale.ROOT,
                    "The image's aspect ratio %.2f:1 is outside 4:5 to 1.91:1.", aspect));
        }
        int width = picture.displayWidth();
        if (width < 320 || width > 1440) {
            return MediaVerdict.failed(36003, 2207009, "The image is " + width + " px wide; use 320 to 1440 px.");
        }
        return MediaVerdict.ACCEPTED;
    }

    private static MediaVerdict imageFormat(String detail) {
        return MediaVerdict.failed(36001, 2207005, "The image format is not supported: " + detail + ".");
    }

    private static MediaVerdict videoFormat(String detail) {
        return MediaVerdict.failed(352, 2207026, "The video format is not supported: " + detail + ".");
    }
}
