package testsupport;

import org.bytedeco.javacpp.Loader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Test media made on the spot with the bundled ffmpeg: synthetic picture and tone, any codec and size. */
public final class Clips {
    private Clips() {
    }

    /** A 4:3 MPEG-4 Part 2 + MP3 clip, index at the end: out of the Reels spec, but fixable. Unique bytes. */
    public static Path legacy(Path dir, String name, int seconds) {
        return make(dir.resolve(name), "-f", "lavfi", "-i", "testsrc=size=640x480:rate=25", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=44100", "-t", String.valueOf(seconds), "-c:v", "mpeg4", "-c:a",
                "libmp3lame", "-b:a", "96k", "-metadata", "comment=" + UUID.randomUUID());
    }

    /** A 9:16 H.264 High + AAC clip with the index first: within the Reels spec. Unique bytes. */
    public static Path compliant(Path dir, String name, int seconds) {
        return make(dir.resolve(name), "-f", "lavfi", "-i", "testsrc=size=720x1280:rate=30", "-f", "lavfi", "-i",
                "sine=frequency=660:sample_rate=48000", "-t", String.valueOf(seconds), "-c:v", "libx264", "-profile:v",
                "high", "-pix_fmt", "yuv420p", "-preset", "ultrafast", "-c:a", "aac", "-b:a", "128k", "-ac", "2",
                "-movflags", "+faststart", "-metadata", "comment=" + UUID.randomUUID());
    }

    /**
     * Bytes that start like an MP4 file (an {@code ftyp} box) and go on with {@code content}: accepted by the
     * upload's first-bytes check, refused by ffprobe as unreadable.
     */
    public static byte[] mp4Lookalike(String content) {
        return lookalike(new byte[]{0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}, content);
    }

    /** Bytes that start like a JPEG file and go on with {@code content}. */
    public static byte[] jpegLookalike(String content) {
        return lookalike(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, content);
    }

    private static byte[] lookalike(byte[] head, String content) {
        byte[] body = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** A still picture in the given format (by the file's extension: .jpg, .png). */
    public static Path image(Path dir, String name, int width, int height) {
        return make(dir.resolve(name), "-f", "lavfi", "-i", "testsrc=size=" + width + "x" + height + ":rate=1",
                "-frames:v", "1");
    }

    /** Runs ffmpeg with these arguments writing {@code target}; fails the test if ffmpeg fails. */
    public static Path make(Path target, String... arguments) {
        Path ffmpeg = ffmpeg();
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-loglevel", "error", "-y"));
        command.addAll(List.of(arguments));
        command.add(target.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LD_LIBRARY_PATH", ffmpeg.getParent().toString());
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg could not make " + target + ": " + output);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static synchronized Path ffmpeg() {
        if (System.getProperty("org.bytedeco.javacpp.platform.extension") == null) {
            System.setProperty("org.bytedeco.javacpp.platform.extension", "-gpl");
        }
        return Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
    }
}
