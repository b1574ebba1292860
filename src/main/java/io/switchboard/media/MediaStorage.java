package io.switchboard.media;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where media bytes live, by key ("originals/ab12….mp4"). Every write is atomic: the object appears under its
 * key only once it is complete, so a crash halfway leaves nothing (or the previous object) visible.
 */
interface MediaStorage {

    /** Streams {@code content} to {@code key} without holding it in memory; returns the bytes written. */
    long write(String key, InputStream content, String contentType) throws IOException;

    default long write(String key, Path file, String contentType) throws IOException {
        try (InputStream content = java.nio.file.Files.newInputStream(file)) {
            return write(key, content, contentType);
        }
    }

    Optional<StoredObject> stat(String key) throws IOException;

    /** The bytes {@code offset .. offset + length - 1} of the object; the caller closes the stream. */
    InputStream read(String key, long offset, long length) throws IOException;

    /** Copies the whole object into a local file (replacing it). */
    void copyTo(String key, Path target) throws IOException;

    /** The object as a file on this machine's disk, when the store is a folder: read it there instead of copying. */
    default Optional<Path> localFile(String key) {
        return Optional.empty();
    }

    /** Removes the object; nothing happens when there is none. */
    void delete(String key) throws IOException;

    /** A URL the object can be fetched from without credentials until {@code ttl} passes, if the store signs URLs. */
    default Optional<URI> presignedUrl(String key, Duration ttl) {
        return Optional.empty();
    }

    record StoredObject(long size, String contentType) {
    }
}
