package io.switchboard.bench;

import testsupport.SignedIn;
import io.switchboard.media.BenchAccess;
import io.switchboard.media.MediaLibrary;
import io.switchboard.media.MediaStatus;
import io.switchboard.media.UploadResult;
import io.switchboard.tasks.TaskState;
import io.switchboard.tasks.Tasks;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Operators;
import io.switchboard.testing.WebSession;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import testsupport.Clips;
import testsupport.TaskWaits;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./mvnw -Pbench -Dbench=media verify}: (1) the preparation runner's wall time for a 60 s 1080p MPEG-4 clip
 * (from the upload stored until the item is ready: claim, probe, transcode, probe again, cover, store) against the
 * same ffmpeg command run directly on the same file, rounds alternating, the best of each; (2) a 1 GB upload over real
 * HTTP into a whole instance (in this JVM), the bytes generated on the fly, with the used heap after GC before
 * and after.
 */
@Tag("bench")
class MediaBench {
    private static final int SECONDS = Integer.getInteger("bench.media.seconds", 60);
    private static final int ROUNDS = Integer.getInteger("bench.media.rounds", 3);
    private static final long UPLOAD_BYTES = Long.getLong("bench.media.upload-mb", 1024) * 1024 * 1024;

    @Test
    void media() throws Exception {
        Bench.only("media");
        Path dir = Files.createTempDirectory("media-bench");
        try (EmbeddedPostgres postgres = Bench.postgres(false);
             AppInstance app = AppInstance.start(Bench.database(postgres, "media"),
                     "switchboard.media.local-dir=" + dir.resolve("storage"),
                     "switchboard.media.work-dir=" + dir.resolve("work"),
                     "logging.level.io.switchboard=WARN")) {
            transcode(app, dir);
            upload(app);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void transcode(AppInstance app, Path dir) throws Exception {
        MediaLibrary library = app.bean(MediaLibrary.class);
        Tasks tasks = app.bean(Tasks.class);
        double runner = Double.MAX_VALUE;
        double direct = Double.MAX_VALUE;
        Path clip = Clips.make(dir.resolve("bench.avi"), "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", String.valueOf(SECONDS),
                "-c:v", "mpeg4", "-q:v", "4", "-c:a", "libmp3lame", "-b:a", "128k",
                "-metadata", "comment=" + UUID.randomUUID());
        for (int round = 0; round < ROUNDS; round++) {
            direct = Math.min(direct, direct(app, clip, dir.resolve("direct.mp4")));
            runner = Math.min(runner, runner(library, tasks, clip));
        }
        Bench.print(String.format("media transcode_overhead=%.3f runner_s=%.2f direct_s=%.2f clip=%ds_1080p30_mpeg4_mp3 "
                + "preset=%s rounds=%d_best_of_each", runner / direct, runner, direct, SECONDS,
                app.bean(org.springframework.core.env.Environment.class)
                        .getProperty("switchboard.media.transcode-preset", "veryfast"), ROUNDS));
    }

    /** From the moment the upload is stored (its task submitted) until the item is READY. */
    private static double runner(MediaLibrary library, Tasks tasks, Path clip) throws Exception {
        long id;
        try (InputStream in = Files.newInputStream(clip)) {
            SignedIn.as("bench", "OPERATOR");
            id = ((UploadResult.Stored) library.upload(clip.getFileName().toString(), in, "bench")).item().id();
        }
        long start = System.nanoTime();
        while (!library.find(id).orElseThrow().status().settled()) {
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (library.find(id).orElseThrow().status() != MediaStatus.READY) {
            throw new AssertionError("the bench clip was rejected: " + library.find(id).orElseThrow().rejection());
        }
        TaskWaits.awaitState(tasks, library.detail(id).orElseThrow().prepareTaskId(), TaskState.SUCCEEDED);
        library.delete(id);
        return seconds;
    }

    private static double direct(AppInstance app, Path clip, Path output) throws Exception {
        List<String> command = BenchAccess.transcodeCommand(app.context(), clip, output);
        long start = System.nanoTime();
        Process process = BenchAccess.processFor(app.context(), command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError("ffmpeg failed directly: " + command);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.delete(output);
        return seconds;
    }

    private static void upload(AppInstance app) throws Exception {
        SignedIn.as("bench", "OPERATOR");
        app.bean(Tasks.class).pauseQueue("media", "bench");
        WebSession operator = Operators.signedIn(app, Operators.create(app, "OPERATOR"), Operators.PASSWORD);
        operator.get(app.url("/media"));
        long before = usedHeapAfterGc();
        AtomicLong peak = new AtomicLong(before);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> sample(peak));
        long start = System.nanoTime();
        var response = operator.send(HttpRequest.newBuilder(URI.create(app.url("/media/uploads?name=bench-1gb.mp4")))
                .header("X-CSRF-TOKEN", operator.csrf()).header("Content-Type", "video/mp4")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> generated(UPLOAD_BYTES)), UPLOAD_BYTES)).build());
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        if (response.statusCode() != 201) {
            throw new AssertionError("upload answered " + response.statusCode() + ": " + response.body());
        }
        long after = usedHeapAfterGc();
        Bench.print(String.format("media upload_mb=%d heap_growth_mb=%.1f heap_before_mb=%.1f heap_after_mb=%.1f "
                        + "heap_peak_mb=%.1f upload_mb_per_s=%.0f", UPLOAD_BYTES / (1024 * 1024),
                (after - before) / 1048576.0, before / 1048576.0, after / 1048576.0, peak.get() / 1048576.0,
                UPLOAD_BYTES / 1048576.0 / seconds));
    }

    private static void sample(AtomicLong peak) {
        while (!Thread.currentThread().isInterrupted()) {
            peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** {@code size} bytes made as they are read (never a buffer of the whole), distinct per run. */
    private static InputStream generated(long size) {
        long seed = System.nanoTime();
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                return position < size ? (int) ((position++ * 2_654_435_761L + seed) >>> 24) & 0xff : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(length, size - position);
                for (int i = 0; i < n; i++) {
                    buffer[offset + i] = (byte) (((position + i) * 2_654_435_761L + seed) >>> 24);
                }
                position += n;
                return n;
            }
        };
    }
}
