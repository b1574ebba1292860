package io.switchboard.media;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Operators;
import io.switchboard.testing.TestPostgres;
import io.switchboard.testing.WebSession;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import testsupport.Clips;
import testsupport.TableSnapshot;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.switchboard.media.LibraryWaits.awaitReady;
import static io.switchboard.media.LibraryWaits.upload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The media pages over real HTTP: a VIEWER sees everything and changes nothing (forged requests included), the
 * upload endpoints enforce the limits with clear errors, the no-script form works, delete is refused while
 * scheduled. The instance takes uploads up to 1 MB.
 */
class MediaPagesTest {
    private static AppInstance app;
    private static MediaLibrary library;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase(), "switchboard.media.max-upload-size=1MB");
        library = app.bean(MediaLibrary.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void a_viewer_sees_the_library_but_forged_uploads_edits_and_deletes_are_refused() throws Exception {
        MediaItem item = upload(library, Files.write(dir.resolve("viewer.mp4"), Clips.mp4Lookalike("text " + UUID.randomUUID())));
        WebSession viewer = Operators.signedIn(app, Operators.create(app, "VIEWER"), Operators.PASSWORD);

        var grid = viewer.get(app.url("/media"));
        assertThat(grid.statusCode()).isEqualTo(200);
        assertThat(grid.body()).contains("id=\"read-only-note\"", "media-" + item.id()).doesNotContain("id=\"upload-form\"");
        assertThat(viewer.get(app.url("/media?type=&status=UPLOADED&tag=&used=false")).statusCode()).isEqualTo(200);
        var page = viewer.get(app.url("/media/" + item.id()));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("id=\"media-delete\"");

        DSLContext db = app.bean(DSLContext.class);
        String[] media = {"media_item", "media_rendition", "media_tag", "task"};
        var before = TableSnapshot.settled(db, media);
        long filesBefore = storedFiles();
        assertThat(raw(viewer, "forged.mp4", new byte[100]).statusCode()).isEqualTo(403);
        assertThat(viewer.post(app.url("/media/" + item.id() + "/delete"), Map.of()).statusCode()).isEqualTo(403);
        assertThat(viewer.post(app.url("/media/" + item.id()), Map.of("title", "renamed", "tags", "",
                "defaultCaption", "", "coverOffsetSeconds", "1")).statusCode()).isEqualTo(403);
        assertThat(viewer.post(app.url("/media/" + item.id() + "/prepare"), Map.of()).statusCode()).isEqualTo(403);
        assertThat(library.find(item.id()).orElseThrow().title()).isEqualTo("viewer");
        assertThat(TableSnapshot.of(db, media)).as("nothing stored, edited, deleted or queued").isEqualTo(before);
        assertThat(storedFiles()).as("no bytes written to storage").isEqualTo(filesBefore);
    }

    private static long storedFiles() throws java.io.IOException {
        Path root = Path.of(app.context().getEnvironment().getRequiredProperty("switchboard.media.local-dir"));
        if (!Files.exists(root)) {
            return 0;
        }
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void a_picture_drawn_small_is_a_96_px_icon_made_with_the_cover_or_from_the_thumbnail_of_older_media() throws Exception {
        MediaItem item = upload(library, Clips.image(dir, "icon-source.png", 1080, 1350));
        awaitReady(library, item.id());
        DSLContext db = app.bean(DSLContext.class);
        MediaRenditions renditions = app.bean(MediaRenditions.class);
        Rendition made = renditions.find(item.id(), RenditionKind.ICON).orElseThrow().rendition();
        assertThat(List.of(made.width(), made.height())).as("the thumbnail (360 x 450) at 96 px on its shorter side")
                .containsExactly(96, 120);
        var icon = fetch(library.pagePaths(List.of(item.id()), RenditionKind.ICON).get(item.id()));
        assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(size(icon.body())).containsExactly(96, 120);
        assertThat((long) icon.body().length).isEqualTo(made.sizeBytes()).isLessThan(
                renditions.find(item.id(), RenditionKind.THUMBNAIL).orElseThrow().rendition().sizeBytes() / 3);

        // as an item prepared before icons existed: made from its thumbnail on the first request, then kept
        db.execute("DELETE FROM media_rendition WHERE media_id = ? AND kind = 'ICON'", item.id());
        String path = library.pagePaths(List.of(item.id()), RenditionKind.ICON).get(item.id());
        assertThat(path).as("a page links the icon of an item that has only a thumbnail").isNotNull();
        var late = fetch(path);
        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(size(late.body())).containsExactly(96, 120);
        StoredRendition kept = renditions.find(item.id(), RenditionKind.ICON).orElseThrow();
        assertThat(kept.rendition().sizeBytes()).isEqualTo(late.body().length);
        assertThat(fetch(path).body()).isEqualTo(late.body());

        // an icon made from a thumbnail that a new cover replaced meanwhile is not saved
        db.execute("DELETE FROM media_rendition WHERE media_id = ? AND kind = 'ICON'", item.id());
        var before = renditions.thumbnail(item.id()).orElseThrow();
        db.execute("UPDATE media_rendition SET created_at = created_at + interval '1 second' WHERE media_id = ? AND kind = 'THUMBNAIL'",
                item.id());
        assertThat(renditions.saveIconOf(before, "media/" + item.id() + "/icon-stale.jpg", made)).isFalse();
        assertThat(renditions.find(item.id(), RenditionKind.ICON)).isEmpty();
        assertThat(renditions.saveIconOf(renditions.thumbnail(item.id()).orElseThrow(), kept.storageKey(), made)).isTrue();
    }

    private static HttpResponse<byte[]> fetch(String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.url(path))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<Integer> size(byte[] jpeg) throws java.io.IOException {
        var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
        return List.of(image.getWidth(), image.getHeight());
    }

    @Test
    void the_upload_endpoint_streams_a_file_in_and_refuses_one_over_the_limit_naming_it() throws Exception {
        WebSession operator = Operators.signedIn(app, Operators.create(app, "OPERATOR"), Operators.PASSWORD);
        operator.get(app.url("/media"));

        var stored = raw(operator, "small clip.mp4", Clips.mp4Lookalike("small " + UUID.randomUUID()));
        assertThat(stored.statusCode()).isEqualTo(201);
        assertThat(stored.body()).contains("\"outcome\":\"stored\"");

        var tooLarge = raw(operator, "huge.mp4", java.util.Arrays.copyOf(Clips.mp4Lookalike(""), 1024 * 1024 + 1));
        assertThat(tooLarge.statusCode()).isEqualTo(422);
        assertThat(tooLarge.body()).contains("\"outcome\":\"refused\"",
                "huge.mp4 is larger than the upload limit of 1 MB", "switchboard.media.max-upload-size");

        var wrongType = raw(operator, "slides.pptx", new byte[10]);
        assertThat(wrongType.statusCode()).isEqualTo(422);
        assertThat(wrongType.body()).contains("slides.pptx is not a file type the library takes");

        var renamed = raw(operator, "notes.mp4", ("just text " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        assertThat(renamed.statusCode()).isEqualTo(422);
        assertThat(renamed.body()).contains("notes.mp4 does not start the way MP4/MOV files do");
        var html = raw(operator, "page.jpg", "<html><body>not a picture</body></html>".getBytes(StandardCharsets.UTF_8));
        assertThat(html.statusCode()).isEqualTo(422);
        assertThat(html.body()).contains("page.jpg does not start the way JPEG files do");
    }

    @Test
    void the_no_script_form_uploads_several_files_and_reports_each() throws Exception {
        WebSession operator = Operators.signedIn(app, Operators.create(app, "OPERATOR"), Operators.PASSWORD);
        operator.get(app.url("/media"));
        String first = "form-one-" + UUID.randomUUID();
        String second = "form-two-" + UUID.randomUUID();

        var response = multipart(operator, Map.of(first + ".mp4", Clips.mp4Lookalike(first), second + ".jpg",
                Clips.jpegLookalike(second)));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(operator.get(app.url("/media")).body()).contains(first + ".mp4: uploaded", second + ".jpg: uploaded");

        var tooLarge = multipart(operator, Map.of("too-big.mov", new byte[1024 * 1024 + 10]));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("Nothing was uploaded", "larger than the upload limit of 1 MB");
    }

    @Test
    void deleting_scheduled_media_is_refused_with_the_holder_named() throws Exception {
        WebSession operator = Operators.signedIn(app, Operators.create(app, "OPERATOR"), Operators.PASSWORD);
        long id = upload(library, Clips.compliant(dir, "held.mp4", 3)).id();
        awaitReady(library, id);
        library.markScheduled(id, "campaign:42");
        operator.get(app.url("/media/" + id));

        var refused = operator.post(app.url("/media/" + id + "/delete"), Map.of());

        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/media/" + id);
        assertThat(operator.get(app.url("/media/" + id)).body())
                .contains("cannot be deleted: it is scheduled by campaign:42");
        library.releaseSchedule("campaign:42");
        var asked = operator.post(app.url("/media/" + id + "/delete"), Map.of());
        assertThat(asked.statusCode()).as("a confirmation first").isEqualTo(200);
        assertThat(asked.body()).contains("Delete “held”?", "No campaign schedules it");
        assertThat(library.find(id)).as("not deleted before it is confirmed").isPresent();
        operator.post(app.url("/media/" + id + "/delete"), Map.of("confirmed", "true"));
        assertThat(library.find(id)).isEmpty();
    }

    private static HttpResponse<String> raw(WebSession session, String name, byte[] body) {
        return session.send(HttpRequest.newBuilder(URI.create(app.url("/media/uploads?name="
                        + URLEncoder.encode(name, StandardCharsets.UTF_8))))
                .header("X-CSRF-TOKEN", session.csrf())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static HttpResponse<String> multipart(WebSession session, Map<String, byte[]> files) throws Exception {
        String boundary = "----switchboard" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (var file : files.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                    + file.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(file.getValue());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return session.send(HttpRequest.newBuilder(URI.create(app.url("/media/upload?_csrf=" + session.csrf())))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }
}
