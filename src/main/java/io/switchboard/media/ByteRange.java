package io.switchboard.media;

import org.jspecify.annotations.Nullable;

/**
 * What an HTTP {@code Range} header asks of an object of a known size. One range is served as 206; several
 * ranges (rare for media players) are answered with the whole object, which HTTP allows.
 */
sealed interface ByteRange {

    record Whole() implements ByteRange {
    }

    /** Bytes {@code first..last}, both inclusive. */
    record Part(long first, long last) implements ByteRange {
        long length() {
            return last - first + 1;
        }
    }

    record Unsatisfiable() implements ByteRange {
    }

    static ByteRange of(@Nullable String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
            return new Whole();
        }
        String spec = header.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        try {
            String from = spec.substring(0, dash).strip();
            String to = spec.substring(dash + 1).strip();
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                return suffix <= 0 || size == 0 ? new Unsatisfiable() : new Part(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(from);
            long last = to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1);
            if (first >= size || last < first) {
                return new Unsatisfiable();
            }
            return new Part(first, last);
        } catch (NumberFormatException e) {
            return new Whole();
        }
    }
}
