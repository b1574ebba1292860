package io.switchboard.media;

import io.switchboard.tasks.TaskState;
import io.switchboard.tasks.Tasks;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;
import testsupport.Clips;
import testsupport.TaskWaits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;

import static io.switchboard.media.LibraryWaits.awaitReady;
import static io.switchboard.media.LibraryWaits.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.TaskWaits.eventually;

/**
 * ffmpeg dying halfway through a transcode (SIGKILL, as when the machine runs out of memory) and an operator
 * cancelling one: nothing half-written becomes visible, scratch files go, the task runs again and succeeds.
 * The ffmpeg used here is a wrapper script around the bundled one that kills the first transcode it runs.
 */
class PreparationCrashTest {
    private static Path dir;
    private static Path workDir;
    private static Path mediaDir;
    private static AppInstance app;
    private static MediaLibrary library;
    private static Tasks tasks;

    /** Cancelling, retrying, pausing and uploading are an operator's commands (method security). */
    @BeforeEach
    void signInAsOperator() {
        SignedIn.as("test", "OPERATOR");
    }

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("crash");
        workDir = Files.createDirectories(dir.resolve("work"));
        mediaDir = dir.resolve("media");
        app = AppInstance.start(TestPostgres.freshDatabase(),
                "switchboard.media.tools.ffmpeg-path=" + crashingFfmpeg(),
                "switchboard.media.work-dir=" + workDir,
                "switchboard.media.local-dir=" + mediaDir,
                "switchboard.tasks.backoff-base=2s");
        library = app.bean(MediaLibrary.class);
        tasks = app.bean(Tasks.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void ffmpeg_killed_mid_transcode_leaves_nothing_visible_and_the_retry_succeeds() throws Exception {
        MediaItem item = upload(library, Clips.legacy(dir, "crash.avi", 20));
        long taskId = library.detail(item.id()).orElseThrow().prepareTaskId();

        TaskWaits.eventually(Duration.ofSeconds(60), () -> assertThat(tasks.detail(taskId).orElseThrow().failures())
                .as("the first attempt failed").isNotEmpty());
        assertThat(Files.readString(dir.resolve("killed-at-bytes")).strip()).matches("[1-9][0-9]*");
        assertThat(tasks.detail(taskId).orElseThrow().failures().getFirst().error()).contains("ffmpeg exited with 137");
        assertThat(mediaDir.resolve("media/" + item.id() + "/publishable.mp4")).doesNotExist();
        assertThat(library.detail(item.id()).orElseThrow().renditions()).isEmpty();
        assertThat(library.find(item.id()).orElseThrow().status()).isEqualTo(MediaStatus.PREPARING);
        assertThat(filesUnder(mediaDir.resolve(".partial"))).isZero();

        awaitReady(library, item.id());
        assertThat(mediaDir.resolve("media/" + item.id() + "/publishable.mp4")).exists();
        assertThat(tasks.detail(taskId).orElseThrow().task().attempt()).isEqualTo(2);
        eventually(() -> assertThat(filesUnder(workDir)).isZero());
    }

    @Test
    void cancelling_a_transcode_kills_ffmpeg_and_leaves_the_media_uploaded() throws Exception {
        MediaItem item = upload(library, Clips.make(dir.resolve("long.avi"), "-f", "lavfi", "-i",
                "testsrc=size=1280x720:rate=30", "-t", "60", "-c:v", "mpeg4", "-q:v", "31",
                "-metadata", "comment=" + java.util.UUID.randomUUID()));
        long taskId = library.detail(item.id()).orElseThrow().prepareTaskId();
        eventually(Duration.ofSeconds(60), () -> {
            var task = tasks.detail(taskId).orElseThrow().task();
            assertThat(task.progressDone()).as("transcode progress").isNotNull().isPositive();
            assertThat(task.progressTotal()).isEqualTo(60_000_000L);
        });

        tasks.cancel(taskId);

        TaskWaits.awaitState(tasks, taskId, TaskState.CANCELLED);
        assertThat(library.find(item.id()).orElseThrow().status()).isEqualTo(MediaStatus.UPLOADED);
        eventually(() -> assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().command().orElse("").contains("ffmpeg"))).isEmpty());
        eventually(() -> assertThat(filesUnder(workDir)).isZero());
        assertThat(mediaDir.resolve("media/" + item.id() + "/publishable.mp4")).doesNotExist();
    }

    private static long filesUnder(Path folder) {
        if (!Files.exists(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs the bundled ffmpeg, but SIGKILLs the first transcode (the run with -progress) once it wrote 64 KB. */
    private static Path crashingFfmpeg() throws IOException {
        Path real = Clips.ffmpeg();
        Path script = dir.resolve("ffmpeg");
        Files.writeString(script, """
                #!/bin/bash
                export LD_LIBRARY_PATH="%1$s"
                if [[ " $* " == *" -progress "* && ! -e "%2$s/crashed" ]]; then
                  touch "%2$s/crashed"
                  "%3$s" "$@" &
                  pid=$!
                  out="${@: -1}"
                  for i in $(seq 1 600); do
                    size=$(stat -c %%s "$out" 2>/dev/null || echo 0)
                    [ "$size" -gt 65536 ] && break
                    sleep 0.05
                  done
                  echo "$size" > "%2$s/killed-at-bytes"
                  kill -9 $pid
                  wait $pid
                  exit 137
                fi
                exec "%3$s" "$@"
                """.formatted(real.getParent(), dir, real));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
