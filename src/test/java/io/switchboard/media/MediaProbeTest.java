package io.switchboard.media;

import io.switchboard.tasks.LogLevel;
import io.switchboard.tasks.TaskContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import testsupport.Clips;
import testsupport.TaskWaits;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CancellationException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ffprobe through the bundled executable, on clips made by ffmpeg, checked against the Reels rules. */
class MediaProbeTest {
    private static final MediaToolSettings TOOLS = new MediaToolSettings(null, null, Duration.ofSeconds(60),
            Duration.ofHours(2));
    private final MediaProbe probe = new MediaProbe(new FfmpegTools(TOOLS), JsonMapper.builder().build(), TOOLS);

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

    @Test
    void a_file_that_names_other_files_is_never_followed() throws IOException {
        Path other = Clips.compliant(dir, "private.mp4", 4);
        // a name beside it, which ffmpeg's concat reader takes as safe
        Path sneaky = Files.writeString(dir.resolve("sneaky.mp4"), "ffconcat version 1.0\nfile "
                + other.getFileName() + "\n");

        assertThatThrownBy(() -> probe.probe(sneaky)).isInstanceOf(MediaUnreadable.class)
                .hasMessageContaining("Not a readable video or image");
    }

    @Test
    @Timeout(60)
    void a_hung_ffprobe_is_killed_with_what_it_started_when_its_time_is_up() throws IOException {
        MediaProbe impatient = probeWith(fakeFfprobe("sleep 600 & echo $! > \"%s/child\"; wait"), Duration.ofSeconds(1));
        Path clip = Clips.image(dir, "fine.jpg", 400, 400);
        long started = System.nanoTime();

        assertThatThrownBy(() -> impatient.probe(clip)).isInstanceOf(MediaUnreadable.class)
                .hasMessageContaining("could not read the file within 1 s");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertGone("child");
    }

    @Test
    @Timeout(60)
    void a_cancel_stops_ffprobe_at_once() throws IOException {
        MediaProbe patient = probeWith(fakeFfprobe("sleep 600 & echo $! > \"%s/child\"; wait"), Duration.ofMinutes(5));
        Path clip = Clips.image(dir, "fine.jpg", 400, 400);
        long cancelAt = System.nanoTime() + Duration.ofMillis(500).toNanos();
        TaskContext cancelled = new CancelledContext(() -> System.nanoTime() - cancelAt > 0);

        assertThatThrownBy(() -> patient.probe(clip, cancelled)).isInstanceOf(CancellationException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - cancelAt)).isLessThan(Duration.ofSeconds(10));
        assertGone("child");
    }

    @Test
    @Timeout(60)
    void what_ffprobe_printed_is_read_whole_when_its_reader_starts_late() throws InterruptedException {
        Path clip = Clips.compliant(dir, "reel.mp4", 4);
        // every carrier of the virtual threads busy for 3 s, as on a loaded machine: ffprobe ends long before
        // the virtual thread that reads its output gets to run (seen under the burst benchmark as a compliant
        // Reel judged "no audio or video streams found")
        int carriers = Runtime.getRuntime().availableProcessors();
        java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(carriers);
        java.util.List<Thread> hogs = new java.util.ArrayList<>();
        for (int i = 0; i < carriers; i++) {
            hogs.add(Thread.ofVirtual().start(() -> {
                busy.countDown();
                long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
            }));
        }
        busy.await();
        try {
            assertThat(ReelsSpec.check(probe.probe(clip)).compliant()).isTrue();
        } finally {
            for (Thread hog : hogs) {
                hog.join();
            }
        }
    }

    @Test
    void an_endless_description_is_cut_off() throws IOException {
        MediaProbe flooded = probeWith(fakeFfprobe("head -c 6000000 /dev/zero | tr '\\0' 'a'"), Duration.ofMinutes(1));

        assertThatThrownBy(() -> flooded.probe(Clips.image(dir, "fine.jpg", 400, 400)))
                .isInstanceOf(MediaUnreadable.class).hasMessageContaining("larger than 4 MB");
    }

    private static MediaProbe probeWith(Path ffprobe, Duration timeout) {
        MediaToolSettings settings = new MediaToolSettings(null, ffprobe.toString(), timeout, Duration.ofHours(2));
        return new MediaProbe(new FfmpegTools(settings), JsonMapper.builder().build(), settings);
    }

    /** A stand-in for ffprobe (as switchboard.media.tools.ffprobe-path names one) running {@code body}. */
    private Path fakeFfprobe(String body) throws IOException {
        Path script = dir.resolve("ffprobe");
        Files.writeString(script, "#!/bin/bash\n" + body.formatted(dir) + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private void assertGone(String pidFile) throws IOException {
        long pid = Long.parseLong(Files.readString(dir.resolve(pidFile)).strip());
        TaskWaits.eventually(Duration.ofSeconds(10), () -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                .as("process %d", pid).isNotEqualTo(java.util.Optional.of(true)));
    }

    /** A task's context that reports a cancel once {@code cancelled} says so. */
    private record CancelledContext(java.util.function.BooleanSupplier cancelled) implements TaskContext {
        public long taskId() {
            return 1;
        }

        public int attempt() {
            return 1;
        }

        public int maxAttempts() {
            return 1;
        }

        public String group() {
            return null;
        }

        public void progress(long done, long total) {
        }

        public void count(String counter, long delta) {
        }

        public void log(LogLevel level, String message) {
        }

        public boolean cancelRequested() {
            return cancelled.getAsBoolean();
        }

        public boolean leaseHeld() {
            return true;
        }
    }
}
