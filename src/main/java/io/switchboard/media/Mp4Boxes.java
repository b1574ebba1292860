package io.switchboard.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads the top-level box layout of an MP4/MOV file: is the index (moov) before the media data (mdat)? */
final class Mp4Boxes {
    private Mp4Boxes() {
    }

    static MediaFacts.MoovPosition moovPosition(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long offset = 0;
            ByteBuffer header = ByteBuffer.allocate(16);
            for (int boxes = 0; offset + 8 <= size && boxes < 10_000; boxes++) {
                header.clear().limit(8);
                if (channel.read(header, offset) < 8) {
                    break;
                }
                header.flip();
                long length = Integer.toUnsignedLong(header.getInt());
                String type = new String(new byte[]{header.get(), header.get(), header.get(), header.get()},
                        java.nio.charset.StandardCharsets.ISO_8859_1);
                if (length == 1) {
                    header.clear().limit(8);
                    channel.read(header, offset + 8);
                    header.flip();
                    length = header.getLong();
                } else if (length == 0) {
                    length = size - offset;
                }
                if (type.equals("moov")) {
                    return MediaFacts.MoovPosition.FIRST;
                }
                if (type.equals("mdat")) {
                    return MediaFacts.MoovPosition.LAST;
                }
                if (length < 8 || !type.chars().allMatch(c -> c >= 32 && c < 127)) {
                    break;
                }
                offset += length;
            }
            return MediaFacts.MoovPosition.NOT_APPLICABLE;
        } catch (IOException e) {
            return MediaFacts.MoovPosition.NOT_APPLICABLE;
        }
    }
}
