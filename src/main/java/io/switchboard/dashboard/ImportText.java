package io.switchboard.dashboard;

import org.jspecify.annotations.Nullable;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of an import (accounts, proxies): the uploaded file when there is one, else what was pasted. A file
 * must be UTF-8 (never guessed at, never with characters replaced) and at most {@link #MAX_FILE_BYTES}; the
 * container refuses larger multipart bodies before reading them ({@code identity.MultipartGuard}).
 */
final class ImportText {
    static final long MAX_FILE_BYTES = 5L * 1024 * 1024;
    static final String TOO_LARGE = "The file is larger than 5 MB. Split it into smaller files and import them one "
            + "after another.";

    private ImportText() {
    }

    /** A file that cannot be imported as it is; the message says why and what to do. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    static String of(@Nullable MultipartFile file, String pasted) throws IOException, Unreadable {
        if (file == null || file.isEmpty()) {
            return pasted;
        }
        if (file.getSize() > MAX_FILE_BYTES) {
            throw new Unreadable(TOO_LARGE);
        }
        return utf8(file.getBytes());
    }

    /** The bytes as UTF-8 text; refused naming the first line that is not UTF-8. */
    static String utf8(byte[] bytes) throws Unreadable {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new Unreadable("Line " + line + " is not UTF-8 text (byte " + (in.position() + 1) + " of the file). "
                    + "Save the file as UTF-8 (in Excel: \"CSV UTF-8\"; in LibreOffice: character set Unicode (UTF-8)) "
                    + "and upload it again.");
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
