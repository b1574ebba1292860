package io.switchboard.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;

/**
 * Media in a folder (one node, or a folder every instance mounts). A write goes to a file in {@code .partial/}
 * and is renamed onto its key when complete. Keys end in the file type's extension, which gives the content type.
 */
final class LocalStorage implements MediaStorage {
    private static final String PARTIAL = ".partial";
    private final Path root;

    LocalStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public long write(String key, InputStream content, String contentType) throws IOException {
        Path target = path(key);
        Path partial = partialFile();
        try {
            long written;
            try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW)) {
                written = content.transferTo(out);
            }
            Files.createDirectories(target.getParent());
            move(partial, target);
            return written;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
        Path file = path(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(new StoredObject(Files.size(file), MediaFormats.contentType(key)));
    }

    @Override
    public InputStream read(String key, long offset, long length) throws IOException {
        FileChannel channel = FileChannel.open(path(key), StandardOpenOption.READ);
        channel.position(offset);
        return new BoundedInputStream(Channels.newInputStream(channel), length);
    }

    @Override
    public void copyTo(String key, Path target) throws IOException {
        Files.copy(path(key), target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public Optional<Path> localFile(String key) {
        Path file = path(key);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    private Path partialFile() throws IOException {
        Path directory = Files.createDirectories(root.resolve(PARTIAL));
        return directory.resolve(UUID.randomUUID().toString());
    }

    private Path path(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root) || key.startsWith(PARTIAL)) {
            throw new IllegalArgumentException("Not a media storage key: " + key);
        }
        return file;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
