package io.switchboard.media;

import io.switchboard.media.SpecReport.Check;
import io.switchboard.media.SpecReport.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The platform's image rules (../shared/PLATFORM.md, "Media specs"): JPEG only, at most 8 MB, sRGB; feed aspect
 * 4:5 to 1.91:1; 320 to 1440 px wide. Everything but "not a picture" is fixed by converting.
 */
public final class ImageSpec {
    public static final long MAX_BYTES = 8L * 1024 * 1024;
    public static final double MIN_ASPECT = 4.0 / 5;
    public static final double MAX_ASPECT = 1.91;
    public static final int MIN_WIDTH = 320;
    public static final int MAX_WIDTH = 1440;
    /** 8-bit pixel formats whose values are taken as sRGB (JPEG's YCbCr, RGB, grey). */
    private static final Set<String> EIGHT_BIT = Set.of("yuvj420p", "yuvj422p", "yuvj444p", "yuv420p", "yuv422p",
            "yuv444p", "gray", "rgb24", "bgr24", "rgba", "bgra", "argb", "abgr", "pal8", "ya8");

    private ImageSpec() {
    }

    public static SpecReport check(MediaFacts facts) {
        List<Check> checks = new ArrayList<>();
        MediaFacts.Video picture = facts.video();
        if (picture == null || !facts.still()) {
            checks.add(new Check("Picture", Verdict.REJECT, picture == null ? "none" : "a video", "a still picture"));
            return new SpecReport("Image", checks);
        }
        checks.add(rule("Format", picture.codec().equals("mjpeg"), codecName(picture.codec()), "JPEG"));
        checks.add(rule("File size", facts.sizeBytes() <= MAX_BYTES, ReelsSpec.megabytes(facts.sizeBytes()),
                "at most 8 MB"));
        checks.add(rule("Colour", picture.pixelFormat() != null && EIGHT_BIT.contains(picture.pixelFormat()),
                String.valueOf(picture.pixelFormat()), "8-bit sRGB"));
        double aspect = picture.aspectRatio();
        checks.add(rule("Aspect ratio", aspect >= MIN_ASPECT - 0.005 && aspect <= MAX_ASPECT + 0.005,
                picture.displayWidth() + "×" + picture.displayHeight() + String.format(Locale.ROOT, " (%.2f:1)", aspect),
                "4:5 to 1.91:1"));
        checks.add(rule("Width", picture.displayWidth() >= MIN_WIDTH && picture.displayWidth() <= MAX_WIDTH,
                picture.displayWidth() + " px", "320 to 1440 px"));
        return new SpecReport("Image", checks);
    }

    private static Check rule(String rule, boolean passed, String measured, String required) {
        return new Check(rule, passed ? Verdict.PASS : Verdict.FIX, measured, required);
    }

    private static String codecName(String codec) {
        return switch (codec) {
            case "mjpeg" -> "JPEG";
            case "png" -> "PNG";
            case "webp" -> "WebP";
            case "gif" -> "GIF";
            case "bmp" -> "BMP";
            case "tiff" -> "TIFF";
            default -> codec;
        };
    }
}
