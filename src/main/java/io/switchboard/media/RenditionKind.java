package io.switchboard.media;

import java.util.Locale;
import java.util.Optional;

/** The files made from a media item. */
public enum RenditionKind {
    /** What goes to the platform: the original when it was compliant, otherwise the transcoded file. */
    PUBLISHABLE,
    /** A JPEG frame of the video at its cover offset (for an image, the publishable image itself). */
    COVER,
    /** A small JPEG (360 px wide) for the library's pages. */
    THUMBNAIL,
    /** The thumbnail at {@value Icons#SIDE} px on its shorter side, for pictures drawn small (calendar, lists). */
    ICON;

    String fileName(String extension) {
        return name().toLowerCase(Locale.ROOT) + "." + extension;
    }

    static Optional<RenditionKind> fromFileName(String fileName) {
        int dot = fileName.indexOf('.');
        String name = (dot < 0 ? fileName : fileName.substring(0, dot)).toUpperCase(Locale.ROOT);
        for (RenditionKind kind : values()) {
            if (kind.name().equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
