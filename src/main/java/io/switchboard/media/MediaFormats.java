package io.switchboard.media;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The file types the library accepts, by file name extension: what each is and its content type. */
final class MediaFormats {
    record Format(MediaType type, String contentType) {
    }

    private static final Map<String, Format> BY_EXTENSION = Map.ofEntries(
            Map.entry("mp4", new Format(MediaType.VIDEO, "video/mp4")),
            Map.entry("m4v", new Format(MediaType.VIDEO, "video/x-m4v")),
            Map.entry("mov", new Format(MediaType.VIDEO, "video/quicktime")),
            Map.entry("mkv", new Format(MediaType.VIDEO, "video/x-matroska")),
            Map.entry("webm", new Format(MediaType.VIDEO, "video/webm")),
            Map.entry("avi", new Format(MediaType.VIDEO, "video/x-msvideo")),
            Map.entry("mpg", new Format(MediaType.VIDEO, "video/mpeg")),
            Map.entry("mpeg", new Format(MediaType.VIDEO, "video/mpeg")),
            Map.entry("3gp", new Format(MediaType.VIDEO, "video/3gpp")),
            Map.entry("jpg", new Format(MediaType.IMAGE, "image/jpeg")),
            Map.entry("jpeg", new Format(MediaType.IMAGE, "image/jpeg")),
            Map.entry("png", new Format(MediaType.IMAGE, "image/png")),
            Map.entry("webp", new Format(MediaType.IMAGE, "image/webp")),
            Map.entry("gif", new Format(MediaType.IMAGE, "image/gif")),
            Map.entry("bmp", new Format(MediaType.IMAGE, "image/bmp")),
            Map.entry("tif", new Format(MediaType.IMAGE, "image/tiff")),
            Map.entry("tiff", new Format(MediaType.IMAGE, "image/tiff")));

    static final String ACCEPTED = "MP4, MOV, M4V, MKV, WebM, AVI, MPEG, 3GP videos and JPEG, PNG, WebP, GIF, BMP, "
            + "TIFF images";

    private MediaFormats() {
    }

    static Optional<Format> of(String fileName) {
        return Optional.ofNullable(BY_EXTENSION.get(extension(fileName)));
    }

    static String contentType(String fileName) {
        return of(fileName).map(Format::contentType).orElse("application/octet-stream");
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
