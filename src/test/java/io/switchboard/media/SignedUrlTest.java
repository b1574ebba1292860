package io.switchboard.media;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.SharedApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.Clips;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The public file endpoint over real HTTP: signatures, expiry, ranges, headers, no session. */
class SignedUrlTest {
    private static final HttpClient http = HttpClient.newHttpClient();
    private static AppInstance app;
    private static MediaLibrary library;
    private static MediaItem item;
    private static byte[] bytes;

    @BeforeAll
    static void readyClip() throws Exception {
        app = SharedApp.get();
        library = app.bean(MediaLibrary.class);
        Path dir = Files.createTempDirectory("signed-url");
        Path clip = Clips.compliant(dir, "signed.mp4", 3);
        bytes = Files.readAllBytes(clip);
        item = LibraryWaits.upload(library, clip);
        LibraryWaits.awaitReady(library, item.id());
    }

    @Test
    void a_signed_url_serves_the_file_with_type_and_length_and_no_session() throws Exception {
        URI url = library.signedUrl(item.id(), Duration.ofMinutes(10));
        double bySendfile = sent("sendfile");

        assertThat(url.toString()).startsWith(app.url("/media/files/" + item.id() + "/publishable.mp4?expires="));
        var response = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(bytes.length);
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(response.body()).isEqualTo(bytes);
        // a file in local storage goes out by sendfile (the kernel), not copied through the JVM
        assertThat(sent("sendfile")).isGreaterThan(bySendfile);
    }

    @Test
    void a_range_request_gets_206_with_just_those_bytes() throws Exception {
        URI url = library.signedUrl(item.id(), Duration.ofMinutes(10));
        double bySendfile = sent("sendfile");
        double byCopy = sent("copy");

        var middle = get(url, "bytes=100-1099");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 100-1099/" + bytes.length);
        assertThat(middle.headers().firstValueAsLong("Content-Length")).hasValue(1000);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(bytes, 100, 1100));

        var open = get(url, "bytes=" + (bytes.length - 10) + "-");
        assertThat(open.statusCode()).isEqualTo(206);
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 10, bytes.length));

        var suffix = get(url, "bytes=-20");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.headers().firstValue("Content-Range"))
                .hasValue("bytes " + (bytes.length - 20) + "-" + (bytes.length - 1) + "/" + bytes.length);
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 20, bytes.length));

        var beyond = get(url, "bytes=" + bytes.length + "-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + bytes.length);
        // the three parts went out by sendfile, from their first byte to their last
        assertThat(sent("sendfile")).isGreaterThanOrEqualTo(bySendfile + 3);
        assertThat(sent("copy")).isEqualTo(byCopy);
    }

    @Test
    void a_tampered_signature_is_refused_with_403_and_the_reason() throws Exception {
        String url = library.signedUrl(item.id(), Duration.ofMinutes(10)).toString();
        String otherItem = url.replace("/media/files/" + item.id() + "/", "/media/files/" + (item.id() + 1) + "/");
        String longer = url.replaceFirst("expires=(\\d+)", "expires=$19");
        String flipped = url.substring(0, url.length() - 1) + (url.endsWith("A") ? "B" : "A");

        for (String tampered : new String[]{otherItem, longer, flipped}) {
            var response = get(URI.create(tampered), null);
            assertThat(response.statusCode()).as(tampered).isEqualTo(403);
            assertThat(new String(response.body())).contains("signature does not match");
        }
        var unsigned = get(URI.create(url.substring(0, url.indexOf('?'))), null);
        assertThat(unsigned.statusCode()).isEqualTo(403);
    }

    @Test
    void an_expired_url_is_refused_with_403() throws Exception {
        UrlSigner signer = app.bean(UrlSigner.class);
        String expired = signer.path(item.id(), RenditionKind.PUBLISHABLE, "mp4", Instant.now().minusSeconds(5));

        var response = get(URI.create(app.url(expired)), null);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(new String(response.body())).contains("expired");
    }

    /**
     * The platform fetches one file for many posts at once, while publishing holds the pool: once served, a file is
     * served again without waiting for a connection (it waited the pool's timeout and answered 500, burning a publish
     * attempt as "media URL not fetchable").
     */
    @Test
    void a_file_served_once_is_served_again_while_every_connection_is_taken() throws Exception {
        URI url = library.signedUrl(item.id(), Duration.ofMinutes(10));
        assertThat(get(url, null).statusCode()).isEqualTo(200);
        // the pool's own getConnection(timeout): its configured timeout (30 s) is read once, when the pool is made,
        // so the last, refused attempt waits half a second instead of 30 s; the endpoint's would wait those 30 s
        var pool = (com.zaxxer.hikari.pool.HikariPool) app.bean(javax.sql.DataSource.class)
                .unwrap(com.zaxxer.hikari.HikariDataSource.class).getHikariPoolMXBean();
        List<java.sql.Connection> taken = new ArrayList<>();
        try {
            while (true) {
                try {
                    taken.add(pool.getConnection(500));
                } catch (java.sql.SQLException exhausted) {
                    break;
                }
            }
            Thread.sleep(1500);

            var response = get(url, null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(bytes);
        } finally {
            for (var connection : taken) {
                connection.close();
            }
        }
    }

    @Test
    void an_unknown_rendition_is_not_found() throws Exception {
        UrlSigner signer = app.bean(UrlSigner.class);
        String missing = signer.path(Long.MAX_VALUE, RenditionKind.PUBLISHABLE, "mp4", Instant.now().plusSeconds(60));

        assertThat(get(URI.create(app.url(missing)), null).statusCode()).isEqualTo(404);
    }

    private static double sent(String by) {
        return app.bean(io.micrometer.core.instrument.MeterRegistry.class).get("switchboard.media.files.sent")
                .tag("by", by).counter().count();
    }

    private static HttpResponse<byte[]> get(URI url, String range) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(url);
        if (range != null) {
            request.header("Range", range);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
