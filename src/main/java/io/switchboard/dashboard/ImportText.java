package io.switchboard.dashboard;

import org.jspecify.annotations.Nullable;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The text of an import (accounts, proxies): the uploaded file when there is one, else what was pasted. The
 * multipart limit is the media library's (large videos) and an import is read into memory, so files over
 * {@link #MAX_FILE_BYTES} are refused here.
 */
final class ImportText {
    static final long MAX_FILE_BYTES = 5L * 1024 * 1024;
    static final String TOO_LARGE = "The file is larger than 5 MB. Split it into smaller files and import them one "
            + "after another.";

    private ImportText() {
    }

    /** The text, or null when the file is too large (see {@link #TOO_LARGE}). */
    static @Nullable String of(@Nullable MultipartFile file, String pasted) throws IOException {
        if (file == null || file.isEmpty()) {
            return pasted;
        }
        return file.getSize() > MAX_FILE_BYTES ? null : new String(file.getBytes(), StandardCharsets.UTF_8);
    }
}
