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
import testsupport.UploadClient;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
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
 * HTTP into a whole instance (in this JVM) from a client in another JVM, the bytes generated on the fly, with the
 * server's peak heap during the upload.
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
            upload(app, dir);
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

    /**
     * The upload comes from another JVM, so this heap holds only the server's objects. A file held in memory shows
     * in the old generation (G1 puts large arrays there at once), whose peak during the upload is read from the
     * JVM's own pool peak (reset after a GC just before), which catches any transient buffer; the whole heap is
     * also sampled every 20 ms (that peak includes the young generation's ordinary churn until a collection).
     */
    private static void upload(AppInstance app, Path dir) throws Exception {
        SignedIn.as("bench", "OPERATOR");
        app.bean(Tasks.class).pauseQueue("media", "bench");
        WebSession operator = Operators.signedIn(app, Operators.create(app, "OPERATOR"), Operators.PASSWORD);
        operator.get(app.url("/media"));
        long before = usedHeapAfterGc();
        MemoryPoolMXBean old = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.getName().contains("Old")).findFirst().orElseThrow();
        long oldBefore = old.getUsage().getUsed();
        old.resetPeakUsage();
        AtomicLong sampled = new AtomicLong(before);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> sample(sampled));
        Path output = dir.resolve("upload-client.log");
        long start = System.nanoTime();
        Process client = UploadClient.start(output, app.url("/media/uploads?name=bench-upload.mp4"),
                operator.sessionCookie(app.url("/")), operator.csrf(), UPLOAD_BYTES);
        if (!client.waitFor(30, TimeUnit.MINUTES)) {
            client.destroyForcibly();
            throw new AssertionError("the upload did not finish in 30 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        double oldGrowthMb = (old.getPeakUsage().getUsed() - oldBefore) / 1048576.0;
        String answer = Files.readString(output);
        if (!answer.startsWith("201 ")) {
            throw new AssertionError("upload answered " + answer);
        }
        long after = usedHeapAfterGc();
        Bench.print(String.format("media upload_mb=%d server_old_gen_peak_growth_mb=%.1f server_heap_peak_mb=%.1f "
                        + "server_heap_before_mb=%.1f server_heap_after_gc_mb=%.1f upload_mb_per_s=%.0f "
                        + "client=separate-jvm", UPLOAD_BYTES / (1024 * 1024), oldGrowthMb, sampled.get() / 1048576.0,
                before / 1048576.0, after / 1048576.0, UPLOAD_BYTES / 1048576.0 / seconds));
        if (oldGrowthMb > UPLOAD_BYTES / 1048576.0 / 2) {
            throw new AssertionError("the server's old generation grew by more than half the upload: it was held "
                    + "in memory");
        }
    }

    private static void sample(AtomicLong peak) {
        while (!Thread.currentThread().isInterrupted()) {
            peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(20);
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
}
