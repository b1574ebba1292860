package io.switchboard.media;

import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Streams an upload into storage, hashing it on the way (no copy of the file in memory), enforcing the size
 * limit while it arrives, then registers it: as a new item, or as the existing one with the same bytes.
 */
@Component
class Uploads {
    private final MediaStorage storage;
    private final MediaCommands commands;
    private final MediaSettings settings;

    Uploads(MediaStorage storage, MediaCommands commands, MediaSettings settings) {
        this.storage = storage;
        this.commands = commands;
        this.settings = settings;
    }

    UploadResult upload(String fileName, InputStream body, String uploadedBy) throws IOException {
        String name = cleanName(fileName);
        var format = MediaFormats.of(name);
        if (format.isEmpty()) {
            return new UploadResult.Refused(name + " is not a file type the library takes. Accepted are "
                    + MediaFormats.ACCEPTED + ": convert it to one of them and upload again.");
        }
        PushbackInputStream peeked = new PushbackInputStream(body, MediaSignature.HEAD);
        byte[] head = peeked.readNBytes(MediaSignature.HEAD);
        peeked.unread(head);
        MediaSignature signature = format.get().signature();
        if (head.length > 0 && !signature.matches(head)) {
            return new UploadResult.Refused(name + " does not start the way " + signature.label() + " files do, though "
                    + "its name says it is one: it may be another kind of file renamed, or damaged. Export it again "
                    + "as one of " + MediaFormats.ACCEPTED + " and upload that.");
        }
        String key = "originals/" + UUID.randomUUID() + "." + MediaFormats.extension(name);
        MessageDigest sha256 = sha256();
        long size;
        try (InputStream in = new DigestInputStream(new Limited(peeked, settings.maxUploadSize().toBytes()), sha256)) {
            size = storage.write(key, in, format.get().contentType());
        } catch (TooLarge e) {
            return new UploadResult.Refused(name + " is larger than the upload limit of "
                    + human(settings.maxUploadSize()) + ". Shorten or compress it (the platform takes at most "
                    + "300 MB per Reel), or ask an admin to raise switchboard.media.max-upload-size.");
        }
        if (size == 0) {
            storage.delete(key);
            return new UploadResult.Refused(name + " is empty. Choose the file again; it may not have finished copying.");
        }
        var registered = commands.register(new MediaItems.NewItem(format.get().type(), titleOf(name), name,
                format.get().contentType(), size, HexFormat.of().formatHex(sha256.digest()), key,
                settings.defaultCoverOffset(), uploadedBy));
        if (registered instanceof UploadResult.Duplicate) {
            storage.delete(key);
        }
        return registered;
    }

    private static String cleanName(String fileName) {
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        name = name.replaceAll("\\p{Cntrl}", "");
        return name.isEmpty() ? "unnamed" : name.length() > 200 ? name.substring(name.length() - 200) : name;
    }

    private static String titleOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static String human(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % (1024L * 1024 * 1024) == 0) {
            return bytes / (1024L * 1024 * 1024) + " GB";
        }
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The upload went past the size limit: storage aborts the write, nothing is kept. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("upload larger than the limit");
        }
    }

    private static final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw new TooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (left -= n) < 0) {
                throw new TooLarge();
            }
            return n;
        }
    }
}
