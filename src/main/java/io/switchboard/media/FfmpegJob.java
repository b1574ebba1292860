package io.switchboard.media;

import io.switchboard.tasks.TaskContext;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One ffmpeg run inside a task: its {@code -progress pipe:1} lines feed the task's progress (microseconds of
 * output written against the input's duration); a cancel request, a lost lease or running past its time kill
 * it (and anything it started) at once; its error output is kept (the last lines, each cut short) to say why
 * it failed.
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

    static Result run(ProcessBuilder builder, long totalMicros, Duration timeout, TaskContext context)
            throws IOException {
        Process process = builder.start();
        process.getOutputStream().close();
        BoundedLines.Tail errors = new BoundedLines.Tail(process.getErrorStream(), ERROR_LINES);
        AtomicReference<String> killedFor = new AtomicReference<>();
        Thread watch = Thread.ofVirtual().start(() -> watch(process, timeout, context, killedFor));
        try {
            BoundedLines.read(process.getInputStream(), line -> progress(line, totalMicros, context));
            int exit = process.waitFor();
            List<String> lastErrors = errors.lines();
            if (context.cancelRequested()) {
                return new Result.Stopped("cancelled by an operator");
            }
            if (!context.leaseHeld()) {
                return new Result.Stopped("this instance lost the task's lease");
            }
            if (killedFor.get() != null) {
                return new Result.Failed(killedFor.get());
            }
            if (exit != 0) {
                return new Result.Failed("ffmpeg exited with " + exit
                        + (lastErrors.isEmpty() ? "" : ": " + String.join(" / ", lastErrors)));
            }
            return new Result.Finished();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Stopped("interrupted (the instance is stopping)");
        } finally {
            watch.interrupt();
            ToolRun.kill(process);
        }
    }

    private static void progress(String line, long totalMicros, TaskContext context) {
        if (line.startsWith("out_time_us=") && totalMicros > 0) {
            try {
                long done = Long.parseLong(line.substring("out_time_us=".length()));
                context.progress(Math.clamp(done, 0, totalMicros), totalMicros);
            } catch (NumberFormatException e) {
                // "N/A" before the first frame is written
            }
        }
    }

    private static void watch(Process process, Duration timeout, TaskContext context,
                              AtomicReference<String> killedFor) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (process.isAlive()) {
                if (context.cancelRequested() || !context.leaseHeld()) {
                    ToolRun.kill(process);
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    killedFor.set("ffmpeg ran longer than " + timeout.toMinutes() + " min and was stopped");
                    ToolRun.kill(process);
                    return;
                }
                Thread.sleep(WATCH_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
