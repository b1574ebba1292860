package io.switchboard.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lines of a tool's output, each cut at {@value #MAX_LINE} characters, so that a file crafted to make ffmpeg
 * print one endless line cannot fill the memory.
 */
final class BoundedLines {
    static final int MAX_LINE = 1000;

    private BoundedLines() {
    }

    /** Passes every line to {@code each} until the stream ends. */
    static void read(InputStream stream, Consumer<String> each) throws IOException {
        byte[] line = new byte[MAX_LINE];
        int length = 0;
        byte[] buffer = new byte[8192];
        try (stream) {
            for (int n; (n = stream.read(buffer)) >= 0; ) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n' || b == '\r') {
                        if (length > 0) {
                            each.accept(new String(line, 0, length, StandardCharsets.UTF_8));
                        }
                        length = 0;
                    } else if (length < MAX_LINE) {
                        line[length++] = b;
                    }
                }
            }
        }
        if (length > 0) {
            each.accept(new String(line, 0, length, StandardCharsets.UTF_8));
        }
    }

    /** The last {@code count} non-blank lines, read on a virtual thread until the stream ends. */
    static final class Tail {
        private final Deque<String> lines = new ArrayDeque<>();
        private final Thread reader;

        Tail(InputStream stream, int count) {
            reader = Thread.ofVirtual().start(() -> {
                try {
                    read(stream, line -> {
                        synchronized (lines) {
                            if (!line.isBlank()) {
                                lines.addLast(line.strip());
                            }
                            if (lines.size() > count) {
                                lines.removeFirst();
                            }
                        }
                    });
                } catch (IOException e) {
                    // the process ended; what was read is enough
                }
            });
        }

        /** Waits for the stream to end, at most until {@code deadlineNanos} ({@link System#nanoTime()}). */
        void awaitEnd(long deadlineNanos) throws InterruptedException {
            reader.join(Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime())));
        }

        /** What was read, after waiting up to a second for the stream to end. */
        List<String> lines() throws InterruptedException {
            reader.join(1000);
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }
    }
}
