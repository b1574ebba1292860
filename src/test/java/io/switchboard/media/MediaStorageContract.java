package io.switchboard.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every media storage does, run against each implementation. */
abstract class MediaStorageContract {
    @TempDir
    Path dir;

    abstract MediaStorage storage();

    @Test
    void writes_reads_ranges_copies_and_deletes_a_small_object() throws IOException {
        String key = "contract/" + UUID.randomUUID() + ".jpg";
        byte[] bytes = "a small picture's bytes".getBytes(StandardCharsets.UTF_8);

        assertThat(storage().write(key, new ByteArrayInputStream(bytes), "image/jpeg")).isEqualTo(bytes.length);

        assertThat(storage().stat(key)).hasValue(new MediaStorage.StoredObject(bytes.length, "image/jpeg"));
        try (InputStream range = storage().read(key, 2, 5)) {
            assertThat(range.readAllBytes()).isEqualTo("small".getBytes(StandardCharsets.UTF_8));
        }
        Path copy = dir.resolve("copy.jpg");
        storage().copyTo(key, copy);
        assertThat(Files.readAllBytes(copy)).isEqualTo(bytes);
        storage().delete(key);
        assertThat(storage().stat(key)).isEmpty();
    }

    @Test
    void streams_an_object_larger_than_one_part() throws IOException {
        String key = "contract/" + UUID.randomUUID() + ".mp4";
        long size = 2L * S3Storage.PART_SIZE + 12_345;

        assertThat(storage().write(key, pattern(size, Long.MAX_VALUE), "video/mp4")).isEqualTo(size);

        assertThat(storage().stat(key).orElseThrow().size()).isEqualTo(size);
        long offset = S3Storage.PART_SIZE - 10;
        try (InputStream range = storage().read(key, offset, 20); InputStream expected = pattern(size, Long.MAX_VALUE)) {
            expected.skipNBytes(offset);
            assertThat(range.readAllBytes()).isEqualTo(expected.readNBytes(20));
        }
    }

    @Test
    void a_write_that_fails_halfway_leaves_nothing_visible_and_keeps_the_previous_object() throws IOException {
        String key = "contract/" + UUID.randomUUID() + ".mp4";
        long size = 2L * S3Storage.PART_SIZE;

        assertThatThrownBy(() -> storage().write(key, pattern(size, S3Storage.PART_SIZE + 100), "video/mp4"))
                .isInstanceOf(IOException.class).hasMessageContaining("disk unplugged");
        assertThat(storage().stat(key)).isEmpty();

        byte[] previous = "the complete previous version".getBytes(StandardCharsets.UTF_8);
        storage().write(key, new ByteArrayInputStream(previous), "video/mp4");
        assertThatThrownBy(() -> storage().write(key, pattern(size, 1000), "video/mp4")).isInstanceOf(IOException.class);
        assertThat(storage().stat(key).orElseThrow().size()).isEqualTo(previous.length);
    }

    /** {@code size} bytes, each a function of its position, generated on the fly, failing after {@code failAt}. */
    static InputStream pattern(long size, long failAt) {
        return new InputStream() {
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (position >= size) {
                    return -1;
                }
                if (position >= failAt) {
                    throw new IOException("disk unplugged");
                }
                int n = (int) Math.min(length, Math.min(size, failAt) - position);
                for (int i = 0; i < n; i++) {
                    buffer[offset + i] = (byte) ((position + i) * 2_654_435_761L >>> 24);
                }
                position += n;
                return n;
            }
        };
    }
}
