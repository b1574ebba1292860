package io.switchboard.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Runs a short tool (ffprobe) on an untrusted file and takes its standard output, never waiting for it
 * without end: the run is killed (with anything it started) when it outlasts its time, when {@code stop} says
 * so (a cancel, a lost lease) or when its output passes a cap; the output is read while the tool runs.
 */
final class ToolRun {
    private static final long WATCH_MILLIS = 100;

    sealed interface Result {
        record Finished(int exit, String output, List<String> errors) implements Result {
        }

        record TimedOut(Duration after) implements Result {
        }

        record Stopped() implements Result {
        }

        record OutputTooLarge(long limit) implements Result {
        }
    }

    private ToolRun() {
    }

    static Result run(ProcessBuilder builder, Duration timeout, long maxOutput, BooleanSupplier stop)
            throws IOException, InterruptedException {
        Process process = builder.start();
        try {
            process.getOutputStream().close();
            BoundedLines.Tail errors = new BoundedLines.Tail(process.getErrorStream(), 4);
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            AtomicBoolean overflow = new AtomicBoolean();
            Thread reader = Thread.ofVirtual().start(() -> overflow.set(!copy(process.getInputStream(), output, maxOutput)));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!process.waitFor(WATCH_MILLIS, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() - deadline > 0) {
                    return new Result.TimedOut(timeout);
                }
                if (stop.getAsBoolean()) {
                    return new Result.Stopped();
                }
                if (overflow.get()) {
                    return new Result.OutputTooLarge(maxOutput);
                }
            }
            // the tool has ended, but what it wrote may still sit in the pipe: on a loaded machine the reader may
            // not even have started, and a cut-off answer (an empty one reads as "no streams") is a wrong verdict
            while (!reader.join(Duration.ofMillis(WATCH_MILLIS))) {
                if (System.nanoTime() - deadline > 0) {
                    return new Result.TimedOut(timeout);
                }
                if (stop.getAsBoolean()) {
                    return new Result.Stopped();
                }
            }
            errors.awaitEnd(deadline);
            if (overflow.get()) {
                return new Result.OutputTooLarge(maxOutput);
            }
            synchronized (output) {
                return new Result.Finished(process.exitValue(), output.toString(StandardCharsets.UTF_8), errors.lines());
            }
        } finally {
            kill(process);
        }
    }

    /** Kills the process and whatever it started (a tool that spawned helpers leaves none behind). */
    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Copies until the end, or returns false as soon as more than {@code limit} bytes came. */
    private static boolean copy(InputStream in, ByteArrayOutputStream out, long limit) {
        byte[] buffer = new byte[8192];
        long total = 0;
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > limit) {
                    return false;
                }
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // killed: what came is what there is
        }
        return true;
    }
}
