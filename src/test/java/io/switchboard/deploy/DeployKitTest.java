package io.switchboard.deploy;

import io.switchboard.media.MediaLibrary;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import io.switchboard.testing.WebSession;
import org.junit.jupiter.api.Test;
import testsupport.Nginx;
import testsupport.SignedIn;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deploy kit's nginx configuration, run by a real nginx in front of two instances on one database: redirects
 * keep nginx's non-default port, an operator signs in, a 50 MB upload streams through, and a live update (SSE)
 * arrives through it while the upload's preparation runs.
 */
class DeployKitTest {
    private static final long FIFTY_MB = 50L * 1024 * 1024;
    private static final Pattern META = Pattern.compile("<meta name=\"(csrf-header|csrf-token)\" content=\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    @Test
    void two_instances_behind_the_kits_nginx_sign_in_take_a_50_mb_upload_and_stream_live_updates() throws Exception {
        String url = TestPostgres.freshDatabase();
        try (AppInstance one = AppInstance.start(url); AppInstance two = AppInstance.start(url);
             Nginx nginx = Nginx.start(List.of(one.port(), two.port()))) {
            SignedIn.as("deploy-kit-test", "ADMIN");
            WebSession browser = new WebSession();

            var signedOut = browser.get(nginx.url("/"));
            assertThat(signedOut.statusCode()).isEqualTo(302);
            assertThat(signedOut.headers().firstValue("Location")).as("the redirect keeps nginx's port")
                    .hasValue(nginx.url("/login"));
            var signIn = browser.login(nginx.url(""), "admin", AppInstance.ADMIN_PASSWORD);
            assertThat(signIn.headers().firstValue("Location").orElseThrow()).startsWith(nginx.url("/"))
                    .doesNotContain("/login");

            BlockingQueue<String> events = liveUpdates(nginx, browser);
            assertThat(events.poll(20, TimeUnit.SECONDS)).as("the stream opens through nginx").isEqualTo("event:hello");

            var answer = upload(nginx, browser);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            Matcher id = ID.matcher(answer.body());
            assertThat(id.find()).isTrue();
            assertThat(one.bean(MediaLibrary.class).find(Long.parseLong(id.group(1))).orElseThrow().sizeBytes())
                    .isEqualTo(FIFTY_MB);

            assertThat(nextEvent(events, Duration.ofSeconds(30))).as("a live update about the preparation task")
                    .isEqualTo("event:change");
        } finally {
            SignedIn.out();
        }
    }

    /** The page's event stream, read through nginx with the signed-in session: its "event:" lines as they come. */
    private static BlockingQueue<String> liveUpdates(Nginx nginx, WebSession browser) {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(nginx.url("/live")))
                .header("Accept", "text/event-stream").header("Cookie", browser.sessionCookie(nginx.url("/"))).build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Thread.ofVirtual().start(() -> {
            try {
                client.send(request, HttpResponse.BodyHandlers.ofLines()).body()
                        .filter(line -> line.startsWith("event:")).forEach(events::add);
            } catch (IOException | InterruptedException | java.io.UncheckedIOException e) {
                events.add("closed: " + e.getMessage()); // the instances stopped at the end of the test
            }
        });
        return events;
    }

    private static String nextEvent(BlockingQueue<String> events, Duration within) throws InterruptedException {
        String event = events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        return event == null ? "nothing within " + within : event;
    }

    private static HttpResponse<String> upload(Nginx nginx, WebSession browser) {
        String page = browser.get(nginx.url("/media")).body();
        Matcher meta = META.matcher(page);
        String header = null;
        String token = null;
        while (meta.find()) {
            if (meta.group(1).equals("csrf-header")) {
                header = meta.group(2);
            } else {
                token = meta.group(2);
            }
        }
        assertThat(header).as("the media page names its CSRF header").isNotNull();
        return browser.send(HttpRequest.newBuilder(URI.create(nginx.url("/media/uploads?name=deploy-kit-50mb.mp4")))
                .header(header, token).header("Content-Type", "video/mp4")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> randomMp4(FIFTY_MB))).build());
    }

    /** An MP4 file type box followed by random bytes: new bytes every run, generated as they are read. */
    private static InputStream randomMp4(long size) {
        Random random = new Random();
        byte[] ftyp = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1'};
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= size) {
                    return -1;
                }
                int count = (int) Math.min(length, size - position);
                byte[] chunk = new byte[count];
                random.nextBytes(chunk);
                for (int i = 0; i < count && position + i < ftyp.length; i++) {
                    chunk[i] = ftyp[(int) position + i];
                }
                System.arraycopy(chunk, 0, buffer, offset, count);
                position += count;
                return count;
            }
        };
    }
}
