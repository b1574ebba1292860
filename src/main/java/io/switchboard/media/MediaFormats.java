package io.switchboard.media;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The file types the library accepts, by file name extension: what each is and its content type. */
final class MediaFormats {
    record Format(MediaType type, String contentType, MediaSignature signature) {
    }

    private static final Map<String, Format> BY_EXTENSION = Map.ofEntries(
            Map.entry("mp4", new Format(MediaType.VIDEO, "video/mp4", MediaSignature.ISO_MEDIA)),
            Map.entry("m4v", new Format(MediaType.VIDEO, "video/x-m4v", MediaSignature.ISO_MEDIA)),
            Map.entry("mov", new Format(MediaType.VIDEO, "video/quicktime", MediaSignature.ISO_MEDIA)),
            Map.entry("mkv", new Format(MediaType.VIDEO, "video/x-matroska", MediaSignature.MATROSKA)),
            Map.entry("webm", new Format(MediaType.VIDEO, "video/webm", MediaSignature.MATROSKA)),
            Map.entry("avi", new Format(MediaType.VIDEO, "video/x-msvideo", MediaSignature.AVI)),
            Map.entry("mpg", new Format(MediaType.VIDEO, "video/mpeg", MediaSignature.MPEG)),
            Map.entry("mpeg", new Format(MediaType.VIDEO, "video/mpeg", MediaSignature.MPEG)),
            Map.entry("3gp", new Format(MediaType.VIDEO, "video/3gpp", MediaSignature.ISO_MEDIA)),
            Map.entry("jpg", new Format(MediaType.IMAGE, "image/jpeg", MediaSignature.JPEG)),
            Map.entry("jpeg", new Format(MediaType.IMAGE, "image/jpeg", MediaSignature.JPEG)),
            Map.entry("png", new Format(MediaType.IMAGE, "image/png", MediaSignature.PNG)),
            Map.entry("webp", new Format(MediaType.IMAGE, "image/webp", MediaSignature.WEBP)),
            Map.entry("gif", new Format(MediaType.IMAGE, "image/gif", MediaSignature.GIF)),
            Map.entry("bmp", new Format(MediaType.IMAGE, "image/bmp", MediaSignature.BMP)),
            Map.entry("tif", new Format(MediaType.IMAGE, "image/tiff", MediaSignature.TIFF)),
            Map.entry("tiff", new Format(MediaType.IMAGE, "image/tiff", MediaSignature.TIFF)));

    /**
     * Given before every input of ffprobe and ffmpeg: read local files only (no network, no other protocols a
     * crafted playlist could name) and only with the demuxers of the containers accepted here (no HLS, concat
     * or other formats that open further files).
     */
    static final List<String> INPUT_RESTRICTIONS = List.of("-protocol_whitelist", "file", "-format_whitelist",
            "mov,matroska,avi,mpeg,mpegts,mpegvideo,image2,jpeg_pipe,png_pipe,webp_pipe,gif,bmp_pipe,tiff_pipe");

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
