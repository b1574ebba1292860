package io.switchboard.media;

import io.switchboard.tasks.TaskState;
import io.switchboard.tasks.Tasks;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import io.switchboard.testing.WebSession;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import testsupport.ChildInstance;
import testsupport.Clips;
import testsupport.S3Server;
import testsupport.TaskWaits;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static io.switchboard.media.LibraryWaits.awaitReady;
import static io.switchboard.media.LibraryWaits.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.MEDIA_ITEM;
import static testsupport.TaskWaits.eventually;

/**
 * A Switchboard JVM killed with SIGKILL in the middle of media work: while ffmpeg transcodes for it, and while it
 * streams an upload into an S3 multipart upload. Nothing half-made becomes visible, the killed instance's ffmpeg
 * does not live on, and another instance finishes the work (or takes the upload again) as if nothing happened.
 */
class InstanceKilledDuringMediaWorkTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String[] ENGINE = {"switchboard.tasks.lease-duration=3s",
            "switchboard.tasks.heartbeat-interval=300ms", "switchboard.tasks.poll-interval=300ms",
            "switchboard.tasks.rescue-interval=300ms", "switchboard.tasks.promote-interval=50ms"};

    @Test
    void an_instance_killed_while_ffmpeg_transcodes_leaves_nothing_visible_and_another_prepares_the_media(
            @TempDir Path dir) throws Exception {
        String url = TestPostgres.freshDatabase();
        Path childWork = Files.createDirectories(dir.resolve("work-of-the-killed"));
        Path output = dir.resolve("child.log");
        Process child = ChildInstance.start(url, output, with(ENGINE, "switchboard.media.work-dir=" + childWork));
        try (AppInstance uploader = AppInstance.start(url, with(ENGINE, "switchboard.tasks.workers=false"))) {
            ChildInstance.awaitReady(child, output);
            MediaLibrary library = uploader.bean(MediaLibrary.class);
            Tasks tasks = uploader.bean(Tasks.class);
            MediaItem item = upload(library, Clips.legacy(dir, "long.avi", 40));
            long taskId = library.detail(item.id()).orElseThrow().prepareTaskId();
            eventually(WAIT, () -> assertThat(tasks.detail(taskId).orElseThrow().task().progressDone())
                    .as("the killed instance's ffmpeg is transcoding").isNotNull().isPositive());

            child.destroyForcibly().waitFor();

            eventually(() -> assertThat(ffmpegWorkingIn(childWork)).as("ffmpeg of the killed instance").isEmpty());
            Path media = Path.of(uploader.context().getEnvironment().getRequiredProperty("switchboard.media.local-dir"));
            assertThat(media.resolve("media/" + item.id() + "/publishable.mp4")).doesNotExist();
            assertThat(library.detail(item.id()).orElseThrow().renditions()).isEmpty();
            assertThat(library.find(item.id()).orElseThrow().status()).isEqualTo(MediaStatus.PREPARING);

            try (AppInstance survivor = AppInstance.start(url, ENGINE)) {
                awaitReady(survivor.bean(MediaLibrary.class), item.id());
                var done = TaskWaits.awaitState(tasks, taskId, TaskState.SUCCEEDED, WAIT);
                assertThat(done.task().attempt()).isEqualTo(2);
                assertThat(done.failures()).singleElement()
                        .satisfies(f -> assertThat(f.error()).contains("Lease expired during attempt 1"));
                assertThat(media.resolve("media/" + item.id() + "/publishable.mp4")).isNotEmptyFile();
                assertThat(library.detail(item.id()).orElseThrow().renditions())
                        .extracting(Rendition::kind).doesNotHaveDuplicates().contains(RenditionKind.PUBLISHABLE);
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void an_instance_killed_during_an_s3_multipart_upload_stores_nothing_and_the_upload_can_be_made_again(
            @TempDir Path dir) throws Exception {
        try (S3Server s3 = S3Server.start("killed-upload"); S3Client client = client(s3)) {
            String url = TestPostgres.freshDatabase();
            Path output = dir.resolve("child.log");
            Process child = ChildInstance.start(url, output, s3.properties());
            try {
                String base = "http://localhost:" + ChildInstance.awaitReady(child, output);
                WebSession admin = new WebSession();
                admin.login(base, "admin", AppInstance.ADMIN_PASSWORD);
                admin.get(base + "/media");

                // 40 MB, of which the first 20 MB (two and a half 8 MB parts) go at once; the rest waits for the kill
                CountDownLatch killed = new CountDownLatch(1);
                CompletableFuture<HttpResponse<String>> sending = HttpClient.newHttpClient().sendAsync(
                        HttpRequest.newBuilder(URI.create(base + "/media/uploads?name=killed.mp4"))
                                .header("Cookie", admin.sessionCookie(base + "/"))
                                .header("X-CSRF-TOKEN", admin.csrf()).header("Content-Type", "video/mp4")
                                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                                        () -> stalling(40 << 20, 20 << 20, killed)), 40 << 20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                eventually(WAIT, () -> assertThat(client.listMultipartUploads(b -> b.bucket(s3.bucket())).uploads())
                        .as("a multipart upload in progress").isNotEmpty());

                child.destroyForcibly().waitFor();
                killed.countDown();
                assertThat(sending).failsWithin(WAIT);

                assertThat(client.listObjectsV2(b -> b.bucket(s3.bucket())).contents())
                        .as("no object became visible").isEmpty();
                try (AppInstance survivor = AppInstance.start(url, s3.properties())) {
                    DSLContext db = survivor.bean(DSLContext.class);
                    assertThat(db.fetchCount(MEDIA_ITEM)).as("nothing registered").isZero();
                    Path file = Clips.compliant(dir, "again.mp4", 3);
                    MediaItem again = upload(survivor.bean(MediaLibrary.class), file);
                    assertThat(db.fetchCount(MEDIA_ITEM)).isEqualTo(1);
                    assertThat(client.listObjectsV2(b -> b.bucket(s3.bucket()).prefix("originals/")).contents())
                            .singleElement().satisfies(o -> assertThat(o.size()).isEqualTo(Files.size(file)));
                    assertThat(again.sizeBytes()).isEqualTo(Files.size(file));
                }
            } finally {
                child.destroyForcibly();
            }
        }
    }

    /** {@code size} bytes, of which the part after {@code stallAt} is given only once {@code released}. */
    private static final byte[] MP4_START = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'};

    private static InputStream stalling(long size, long stallAt, CountDownLatch released) {
        return new InputStream() {
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (position >= size) {
                    return -1;
                }
                if (position >= stallAt) {
                    try {
                        released.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                }
                int n = (int) Math.min(length, (position < stallAt ? stallAt : size) - position);
                for (int i = 0; i < n; i++) {
                    long at = position + i;
                    // it starts the way MP4 files do (uploads are checked for that), then any bytes
                    buffer[offset + i] = at < MP4_START.length ? MP4_START[(int) at] : (byte) (at * 31);
                }
                position += n;
                return n;
            }
        };
    }

    private static S3Client client(S3Server s3) {
        return S3Client.builder().endpointOverride(URI.create(s3.endpoint())).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3Server.ACCESS_KEY, S3Server.SECRET_KEY))).build();
    }

    /** ffmpeg processes (anyone's children) writing into the folder. */
    private static List<String> ffmpegWorkingIn(Path folder) {
        List<String> found = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            String line = p.info().commandLine().orElse("");
            if (line.contains("ffmpeg") && line.contains(folder.toString())) {
                found.add(p.pid() + " " + line);
            }
        });
        return found;
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
