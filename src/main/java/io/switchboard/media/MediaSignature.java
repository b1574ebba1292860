package io.switchboard.media;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/** How the first bytes of each container family look (its "magic"), read before anything is stored. */
enum MediaSignature {
    ISO_MEDIA("MP4/MOV") {
        @Override
        boolean matches(byte[] head) {
            return head.length >= 8 && BOX_TYPES.contains(ascii(head, 4, 4));
        }
    },
    MATROSKA("Matroska/WebM") {
        @Override
        boolean matches(byte[] head) {
            return startsWith(head, 0x1A, 0x45, 0xDF, 0xA3);
        }
    },
    AVI("AVI") {
        @Override
        boolean matches(byte[] head) {
            return ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("AVI ");
        }
    },
    MPEG("MPEG") {
        @Override
        boolean matches(byte[] head) {
            return startsWith(head, 0, 0, 1, 0xBA) || startsWith(head, 0, 0, 1, 0xB3) || startsWith(head, 0x47);
        }
    },
    JPEG("JPEG") {
        @Override
        boolean matches(byte[] head) {
            return startsWith(head, 0xFF, 0xD8, 0xFF);
        }
    },
    PNG("PNG") {
        @Override
        boolean matches(byte[] head) {
            return startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
        }
    },
    WEBP("WebP") {
        @Override
        boolean matches(byte[] head) {
            return ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("WEBP");
        }
    },
    GIF("GIF") {
        @Override
        boolean matches(byte[] head) {
            return ascii(head, 0, 6).equals("GIF87a") || ascii(head, 0, 6).equals("GIF89a");
        }
    },
    BMP("BMP") {
        @Override
        boolean matches(byte[] head) {
            return ascii(head, 0, 2).equals("BM");
        }
    },
    TIFF("TIFF") {
        @Override
        boolean matches(byte[] head) {
            return startsWith(head, 'I', 'I', 42, 0) || startsWith(head, 'M', 'M', 0, 42);
        }
    };

    /** The most bytes any signature needs. */
    static final int HEAD = 12;
    private static final Set<String> BOX_TYPES = Set.of("ftyp", "moov", "mdat", "free",
            "skip", "wide", "pnot");
    private final String label;

    MediaSignature(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    abstract boolean matches(byte[] head);

    private static boolean startsWith(byte[] head, int... bytes) {
        if (head.length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] head, int from, int length) {
        return head.length < from + length ? "" : new String(head, from, length,
                StandardCharsets.ISO_8859_1);
    }
}
