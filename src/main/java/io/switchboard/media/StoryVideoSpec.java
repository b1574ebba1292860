package io.switchboard.media;

import io.switchboard.media.SpecReport.Check;
import io.switchboard.media.SpecReport.Verdict;

import java.time.Duration;
import java.util.List;

/**
 * The platform's story video rules (../shared/PLATFORM.md, "Media specs"): the Reels rules for container,
 * codecs, picture and sound, but 3 to 60 s long and at most 100 MB.
 */
public final class StoryVideoSpec {
    public static final Duration MIN_DURATION = Duration.ofSeconds(3);
    public static final Duration MAX_DURATION = Duration.ofSeconds(60);
    public static final long MAX_BYTES = 100L * 1024 * 1024;

    private StoryVideoSpec() {
    }

    public static SpecReport check(MediaFacts facts) {
        List<Check> checks = ReelsSpec.check(facts).checks().stream().map(check -> switch (check.rule()) {
            case "Duration" -> new Check(check.rule(), facts.duration().compareTo(MIN_DURATION) >= 0
                    && facts.duration().compareTo(MAX_DURATION) <= 0 ? Verdict.PASS : Verdict.REJECT,
                    check.measured(), "3 to 60 s");
            case "File size" -> new Check(check.rule(), facts.sizeBytes() <= MAX_BYTES ? Verdict.PASS : Verdict.FIX,
                    check.measured(), "at most 100 MB");
            default -> check;
        }).toList();
        return new SpecReport("Story video", checks);
    }
}
