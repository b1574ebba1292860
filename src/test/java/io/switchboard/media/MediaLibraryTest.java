package io.switchboard.media;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.SharedApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;
import org.junit.jupiter.api.io.TempDir;
import testsupport.Clips;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static io.switchboard.media.LibraryWaits.awaitReady;
import static io.switchboard.media.LibraryWaits.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The library's commands and queries on a whole instance: duplicates, limits, usage registry, pages. */
class MediaLibraryTest {
    private static AppInstance app;
    private static MediaLibrary library;

    @TempDir
    Path dir;

    /** Cancelling, retrying, pausing and uploading are an operator's commands (method security). */
    @BeforeEach
    void signInAsOperator() {
        SignedIn.as("test", "OPERATOR");
    }

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        library = app.bean(MediaLibrary.class);
    }

    @Test
    void the_same_bytes_uploaded_again_give_the_existing_item_and_are_not_stored_twice() throws IOException {
        byte[] bytes = Clips.mp4Lookalike("not really a video " + UUID.randomUUID());
        var first = library.upload("first.mp4", new ByteArrayInputStream(bytes), "test");
        long originalsBefore = originals();

        var second = library.upload("renamed copy.mov", new ByteArrayInputStream(bytes), "test");

        assertThat(first).isInstanceOf(UploadResult.Stored.class);
        assertThat(second).isInstanceOfSatisfying(UploadResult.Duplicate.class, duplicate ->
                assertThat(duplicate.existing().id()).isEqualTo(((UploadResult.Stored) first).item().id()));
        assertThat(originals()).isEqualTo(originalsBefore);
    }

    @Test
    void a_file_type_the_library_cannot_prepare_is_refused_with_the_accepted_types() throws IOException {
        var result = library.upload("contract.pdf", new ByteArrayInputStream(new byte[]{1, 2, 3}), "test");

        assertThat(result).isInstanceOfSatisfying(UploadResult.Refused.class, refused -> assertThat(refused.reason())
                .startsWith("contract.pdf is not a file type the library takes").contains("MP4", "JPEG"));
    }

    @Test
    void scheduled_media_cannot_be_deleted_until_every_holder_released_it() throws Exception {
        long id = upload(library, Clips.compliant(dir, "scheduled.mp4", 3)).id();
        awaitReady(library, id);
        String holder = "campaign:" + id;

        library.markScheduled(id, holder);
        library.markScheduled(id, holder);

        assertThat(library.find(id).orElseThrow().usedBy()).containsExactly(holder);
        assertThat(library.list(new MediaFilter(null, null, null, true), null, 500).items())
                .extracting(MediaItem::id).contains(id);
        assertThatThrownBy(() -> library.delete(id)).isInstanceOf(MediaProblem.class)
                .hasMessageContaining("scheduled by " + holder).hasMessageContaining("Cancel or finish those posts");
        assertThat(library.releaseSchedule(holder)).isEqualTo(1);
        library.delete(id);
        assertThat(library.find(id)).isEmpty();
        assertThatThrownBy(() -> library.signedUrl(id, Duration.ofMinutes(1))).isInstanceOf(MediaProblem.class);
    }

    @Test
    void only_ready_media_can_be_scheduled() throws IOException {
        long id = textFile("unready").id();

        assertThatThrownBy(() -> library.markScheduled(id, "campaign:1")).isInstanceOf(MediaProblem.class)
                .hasMessageContaining("only ready media can be scheduled");
    }

    @Test
    void pages_by_tag_run_newest_first_without_gaps_or_repeats() throws IOException {
        String tag = "page-" + UUID.randomUUID().toString().substring(0, 8);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            MediaItem item = textFile(tag + "-" + i);
            library.describe(item.id(), new MediaDescription(item.title(), List.of(tag, "Shared"), "", Duration.ZERO));
            ids.add(item.id());
        }

        List<Long> seen = new ArrayList<>();
        Long before = null;
        do {
            MediaPage page = library.list(new MediaFilter(null, null, tag, null), before, 2);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(item -> seen.add(item.id()));
            before = page.next();
        } while (before != null);

        assertThat(seen).containsExactlyElementsOf(ids.reversed());
        assertThat(library.find(ids.getFirst()).orElseThrow().tags()).containsExactly(tag, "shared");
        assertThat(library.readyByTags(Set.of(tag), null, 10)).isEmpty();
    }

    @Test
    void a_description_with_a_bad_tag_names_the_field() {
        assertThatThrownBy(() -> new MediaDescription("Title", List.of("no spaces allowed!"), "", Duration.ZERO))
                .isInstanceOfSatisfying(MediaProblem.class, problem -> assertThat(problem.field()).isEqualTo("tags"));
    }

    private static MediaItem textFile(String name) throws IOException {
        InputStream in = new ByteArrayInputStream(Clips.mp4Lookalike(name + UUID.randomUUID()));
        return ((UploadResult.Stored) library.upload(name + ".mp4", in, "test")).item();
    }

    private static long originals() throws IOException {
        Path originals = Path.of(app.context().getEnvironment().getRequiredProperty("switchboard.media.local-dir"))
                .resolve("originals");
        try (Stream<Path> files = Files.list(originals)) {
            return files.count();
        }
    }
}
