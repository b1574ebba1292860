package io.switchboard.media;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.SharedApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import testsupport.Clips;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static io.switchboard.media.LibraryWaits.awaitReady;
import static io.switchboard.media.LibraryWaits.awaitSettled;
import static io.switchboard.media.LibraryWaits.download;
import static io.switchboard.media.LibraryWaits.upload;

/**
 * The preparation runner on a whole instance: clips made by ffmpeg go in through the library, come out ready
 * (and ffprobe confirms the rendition), or rejected with the reason.
 */
class PreparationTest {
    private static AppInstance app;
    private static MediaLibrary library;
    private static MediaProbe probe;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        library = app.bean(MediaLibrary.class);
        probe = app.bean(MediaProbe.class);
    }

    @Test
    void a_four_by_three_mpeg4_mp3_clip_becomes_a_compliant_h264_aac_rendition() throws Exception {
        MediaItem item = upload(library, Clips.legacy(dir, "legacy-4x3.avi", 4));

        MediaItem ready = awaitReady(library, item.id());
        assertThat(ready.type()).isEqualTo(MediaType.VIDEO);

        Path rendition = download(library.signedUrl(item.id(), Duration.ofMinutes(5)), dir.resolve("rendition.mp4"));
        MediaFacts facts = probe.probe(rendition);
        assertThat(facts.video().codec()).isEqualTo("h264");
        assertThat(facts.video().profile()).isEqualTo("High");
        assertThat(facts.video().pixelFormat()).isEqualTo("yuv420p");
        assertThat(facts.video().aspectRatio()).isEqualTo(4.0 / 3);
        assertThat(facts.audio().codec()).isEqualTo("aac");
        assertThat(facts.audio().sampleRate()).isEqualTo(48_000);
        assertThat(facts.audio().channels()).isEqualTo(2);
        assertThat(facts.moov()).isEqualTo(MediaFacts.MoovPosition.FIRST);
        assertThat(ReelsSpec.check(facts).failures()).isEmpty();

        MediaDetail detail = library.detail(item.id()).orElseThrow();
        assertThat(detail.originalReport().failures()).extracting(SpecReport.Check::rule)
                .contains("Container", "Video codec", "Audio codec");
        assertThat(detail.renditions()).extracting(Rendition::kind)
                .containsExactlyInAnyOrder(RenditionKind.PUBLISHABLE, RenditionKind.COVER, RenditionKind.THUMBNAIL,
                        RenditionKind.ICON);
        Path cover = download(library.signedCoverUrl(item.id(), Duration.ofMinutes(5)), dir.resolve("cover.jpg"));
        assertThat(probe.probe(cover).video().codec()).isEqualTo("mjpeg");
    }

    @Test
    void a_compliant_clip_is_ready_as_uploaded() throws Exception {
        Path clip = Clips.compliant(dir, "compliant.mp4", 4);
        MediaItem item = upload(library, clip);

        awaitReady(library, item.id());
        Path served = download(library.signedUrl(item.id(), Duration.ofMinutes(5)), dir.resolve("served.mp4"));
        assertThat(Files.mismatch(served, clip)).isEqualTo(-1);
    }

    @Test
    void a_two_second_clip_is_rejected_as_too_short() throws Exception {
        MediaItem item = upload(library, Clips.compliant(dir, "two-seconds.mp4", 2));

        MediaItem rejected = awaitSettled(library, item.id());
        assertThat(rejected.status()).isEqualTo(MediaStatus.REJECTED);
        assertThat(rejected.rejection()).isEqualTo("Duration 2.0 s: needs 3 s to 15 min");
        assertThat(rejected.publishable()).isNull();
    }

    @Test
    void a_file_that_only_starts_like_an_mp4_is_rejected_as_unreadable() throws Exception {
        Path fake = Files.write(dir.resolve("notes.mp4"),
                Clips.mp4Lookalike("minutes of the meeting, not a video " + System.nanoTime()));
        MediaItem item = upload(library, fake);

        MediaItem rejected = awaitSettled(library, item.id());
        assertThat(rejected.status()).isEqualTo(MediaStatus.REJECTED);
        assertThat(rejected.rejection()).startsWith("Not a readable video or image");
    }

    @Test
    void a_wide_png_becomes_a_jpeg_within_the_image_limits() throws Exception {
        MediaItem item = upload(library, Clips.image(dir, "panorama.png", 3000, 1000));

        MediaItem ready = awaitReady(library, item.id());
        assertThat(ready.type()).isEqualTo(MediaType.IMAGE);
        Path image = download(library.signedUrl(item.id(), Duration.ofMinutes(5)), dir.resolve("image.jpg"));
        MediaFacts facts = probe.probe(image);
        assertThat(facts.video().codec()).isEqualTo("mjpeg");
        assertThat(facts.video().width()).isEqualTo(1440);
        assertThat(facts.video().aspectRatio()).isBetween(1.90, 1.92);
        assertThat(ImageSpec.check(facts).failures()).isEmpty();
    }

}
