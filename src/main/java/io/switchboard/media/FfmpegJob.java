package io.switchboard.media;

import io.switchboard.tasks.TaskContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One ffmpeg run inside a task: its {@code -progress pipe:1} lines feed the task's progress (microseconds of
 * output written against the input's duration), a cancel request or a lost lease kills it at once, and its
 * error output is kept (the last lines) to say why it failed.
 */
final class FfmpegJob {
    private static final long WATCH_MILLIS = 200;
    private static final int ERROR_LINES = 8;

    sealed interface Result {
        record Finished() implements Result {
        }

        record Stopped(String reason) implements Result {
        }

        record Failed(String error) implements Result {
        }
    }

    private FfmpegJob() {
    }

    static Result run(ProcessBuilder builder, long totalMicros, TaskContext context) throws IOException {
        Process process = builder.start();
        process.getOutputStream().close();
        Deque<String> errors = new ArrayDeque<>();
        Thread drain = Thread.ofVirtual().start(() -> keepLast(process.getErrorStream(), errors));
        Thread watch = Thread.ofVirtual().start(() -> watch(process, context));
        try {
            readProgress(process.getInputStream(), totalMicros, context);
            int exit = process.waitFor();
            drain.join();
            if (context.cancelRequested()) {
                return new Result.Stopped("cancelled by an operator");
            }
            if (!context.leaseHeld()) {
                return new Result.Stopped("this instance lost the task's lease");
            }
            if (exit != 0) {
                synchronized (errors) {
                    return new Result.Failed("ffmpeg exited with " + exit
                            + (errors.isEmpty() ? "" : ": " + String.join(" / ", errors)));
                }
            }
            return new Result.Finished();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Stopped("interrupted (the instance is stopping)");
        } finally {
            watch.interrupt();
            process.destroyForcibly();
        }
    }

    private static void readProgress(InputStream stdout, long totalMicros, TaskContext context) throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("out_time_us=") && totalMicros > 0) {
                    try {
                        long done = Long.parseLong(line.substring("out_time_us=".length()));
                        context.progress(Math.clamp(done, 0, totalMicros), totalMicros);
                    } catch (NumberFormatException e) {
                        // "N/A" before the first frame is written
                    }
                }
            }
        }
    }

    private static void watch(Process process, TaskContext context) {
        try {
            while (process.isAlive()) {
                if (context.cancelRequested() || !context.leaseHeld()) {
                    process.destroyForcibly();
                    return;
                }
                Thread.sleep(WATCH_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void keepLast(InputStream stderr, Deque<String> errors) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                synchronized (errors) {
                    if (!line.isBlank()) {
                        errors.addLast(line.strip());
                    }
                    if (errors.size() > ERROR_LINES) {
                        errors.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the process ended; what was read is enough
        }
    }
}
