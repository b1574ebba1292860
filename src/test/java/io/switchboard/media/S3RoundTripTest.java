package io.switchboard.media;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Operators;
import io.switchboard.testing.TestPostgres;
import io.switchboard.testing.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import testsupport.Clips;
import testsupport.S3Server;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.switchboard.media.LibraryWaits.awaitReady;
import static io.switchboard.media.LibraryWaits.download;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one database and one S3-compatible bucket (S3Mock, a separate process): a clip uploaded
 * through the first instance's page is prepared and then served by the second, through its own signed URL and
 * through a presigned S3 URL.
 */
class S3RoundTripTest {
    private static S3Server s3;
    private static AppInstance first;
    private static AppInstance second;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        s3 = S3Server.start("switchboard-media");
        String database = TestPostgres.freshDatabase();
        first = AppInstance.start(database, s3.properties());
        second = AppInstance.start(database, with(s3.properties(), "switchboard.media.s3.presign=true"));
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
        s3.close();
    }

    @Test
    void media_uploaded_through_one_instance_is_served_by_another() throws Exception {
        Path clip = Clips.legacy(dir, "shared.avi", 4);
        WebSession operator = Operators.signedIn(first, Operators.create(first, "OPERATOR"), Operators.PASSWORD);
        operator.get(first.url("/media"));
        var answer = operator.send(HttpRequest.newBuilder(URI.create(first.url("/media/uploads?name="
                        + URLEncoder.encode("shared.avi", StandardCharsets.UTF_8))))
                .header("X-CSRF-TOKEN", operator.csrf()).header("Content-Type", "video/x-msvideo")
                .POST(HttpRequest.BodyPublishers.ofFile(clip)).build());
        assertThat(answer.statusCode()).isEqualTo(201);
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(answer.body());
        assertThat(id.find()).isTrue();
        long mediaId = Long.parseLong(id.group(1));

        MediaLibrary secondLibrary = second.bean(MediaLibrary.class);
        awaitReady(secondLibrary, mediaId);

        String signedPath = secondLibrary.pagePath(mediaId, RenditionKind.PUBLISHABLE);
        Path viaSecond = download(URI.create(second.url(signedPath)), dir.resolve("via-second.mp4"));
        MediaFacts facts = second.bean(MediaProbe.class).probe(viaSecond);
        assertThat(facts.video().codec()).isEqualTo("h264");
        assertThat(ReelsSpec.check(facts).compliant()).isTrue();

        URI presigned = secondLibrary.signedUrl(mediaId, Duration.ofMinutes(5));
        assertThat(presigned.toString()).startsWith(s3.endpoint() + "/switchboard-media/media/" + mediaId + "/")
                .contains("X-Amz-Signature=");
        Path viaS3 = download(presigned, dir.resolve("via-s3.mp4"));
        assertThat(Files.mismatch(viaS3, viaSecond)).isEqualTo(-1);

        Path cover = download(URI.create(first.url(first.bean(MediaLibrary.class)
                .pagePath(mediaId, RenditionKind.COVER))), dir.resolve("cover.jpg"));
        assertThat(Files.size(cover)).isPositive();
    }

    private static String[] with(String[] properties, String extra) {
        String[] all = java.util.Arrays.copyOf(properties, properties.length + 1);
        all[properties.length] = extra;
        return all;
    }
}
