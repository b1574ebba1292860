package io.switchboard.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import testsupport.Clips;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ffprobe through the bundled executable, on clips made by ffmpeg, checked against the Reels rules. */
class MediaProbeTest {
    private final MediaProbe probe = new MediaProbe(new FfmpegTools(new MediaToolSettings(null, null)),
            JsonMapper.builder().build());

    @TempDir
    Path dir;

    @Test
    void reads_a_legacy_clip_and_finds_it_out_of_spec_but_fixable() {
        MediaFacts facts = probe.probe(Clips.legacy(dir, "legacy.mp4", 4));

        assertThat(facts.mp4Family()).isTrue();
        assertThat(facts.moov()).isEqualTo(MediaFacts.MoovPosition.LAST);
        assertThat(facts.duration().toMillis()).isBetween(3900L, 4100L);
        assertThat(facts.video()).isNotNull();
        assertThat(facts.video().codec()).isEqualTo("mpeg4");
        assertThat(facts.video().width()).isEqualTo(640);
        assertThat(facts.video().aspectRatio()).isEqualTo(4.0 / 3);
        assertThat(facts.video().frameRate()).isEqualTo(25.0);
        assertThat(facts.audio().codec()).isEqualTo("mp3");
        assertThat(facts.audio().sampleRate()).isEqualTo(44_100);

        SpecReport report = ReelsSpec.check(facts);
        assertThat(report.compliant()).isFalse();
        assertThat(report.fixable()).isTrue();
        assertThat(report.failures()).extracting(SpecReport.Check::rule)
                .containsExactlyInAnyOrder("Index (moov) before media", "Video codec", "Audio codec");
        assertThat(report.failures()).allMatch(c -> c.verdict() == SpecReport.Verdict.FIX);
    }

    @Test
    void a_compliant_clip_passes_every_rule() {
        SpecReport report = ReelsSpec.check(probe.probe(Clips.compliant(dir, "reel.mp4", 4)));

        assertThat(report.failures()).isEmpty();
        assertThat(report.compliant()).isTrue();
    }

    @Test
    void a_two_second_clip_is_rejected_as_too_short() {
        SpecReport report = ReelsSpec.check(probe.probe(Clips.compliant(dir, "short.mp4", 2)));

        assertThat(report.fixable()).isFalse();
        assertThat(report.rejection()).isEqualTo("Duration 2.0 s: needs 3 s to 15 min");
    }

    @Test
    void a_text_file_named_mp4_is_unreadable() throws IOException {
        Path fake = Files.writeString(dir.resolve("notes.mp4"), "these are meeting notes, not a video\n");

        assertThatThrownBy(() -> probe.probe(fake)).isInstanceOf(MediaUnreadable.class)
                .hasMessageStartingWith("Not a readable video or image");
    }

    @Test
    void a_still_image_is_not_a_reel() {
        MediaFacts facts = probe.probe(Clips.image(dir, "still.png", 1080, 1350));

        assertThat(facts.still()).isTrue();
        assertThat(ReelsSpec.check(facts).rejection()).startsWith("Video stream a still image");
    }
}
