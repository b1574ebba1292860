package io.switchboard.media;

import org.bytedeco.javacpp.Loader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where ffmpeg and ffprobe are: the executables bundled with org.bytedeco:ffmpeg (unpacked on first use into
 * the JavaCPP cache, with the libraries they need beside them), or system binaries named by
 * {@code switchboard.media.tools.ffmpeg-path} and {@code switchboard.media.tools.ffprobe-path}.
 */
@Component
class FfmpegTools {
    private static final Logger log = LoggerFactory.getLogger(FfmpegTools.class);
    private final MediaToolSettings settings;
    private volatile @Nullable Path ffmpeg;
    private volatile @Nullable Path ffprobe;

    FfmpegTools(MediaToolSettings settings) {
        this.settings = settings;
    }

    /** A process builder for ffprobe with these arguments, its libraries found. */
    ProcessBuilder ffprobe(List<String> arguments) {
        return builder(ffprobePath(), arguments);
    }

    ProcessBuilder ffmpeg(List<String> arguments) {
        return builder(ffmpegPath(), arguments);
    }

    Path ffmpegPath() {
        Path path = ffmpeg;
        if (path == null) {
            path = ffmpeg = locate(settings.ffmpegPath(), org.bytedeco.ffmpeg.ffmpeg.class, "ffmpeg");
        }
        return path;
    }

    Path ffprobePath() {
        Path path = ffprobe;
        if (path == null) {
            path = ffprobe = locate(settings.ffprobePath(), org.bytedeco.ffmpeg.ffprobe.class, "ffprobe");
        }
        return path;
    }

    private static ProcessBuilder builder(Path executable, List<String> arguments) {
        List<String> command = new java.util.ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        Path directory = executable.getParent();
        if (directory != null && Files.exists(directory.resolve("libavcodec.so"))) {
            String current = builder.environment().get("LD_LIBRARY_PATH");
            builder.environment().put("LD_LIBRARY_PATH",
                    directory + (current == null || current.isBlank() ? "" : ":" + current));
        }
        return builder;
    }

    private static synchronized Path locate(@Nullable String configured, Class<?> bundled, String name) {
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException(name + " is configured as " + configured
                        + " but that is not an executable file; fix " + MediaToolSettings.PREFIX + "." + name
                        + "-path or unset it to use the bundled one");
            }
            return path;
        }
        String folder = Loader.getPlatform() + "-gpl";
        try {
            // the executable and the libraries beside it, extracted into JavaCPP's cache, without loading any of
            // them into this JVM: a missing system library then shows when the executable runs, by its name
            URL packaged = bundled.getResource(folder + "/");
            if (packaged == null) {
                throw new IllegalStateException("no " + folder + " build on the class path");
            }
            Path path = Loader.cacheResource(packaged).toPath().resolve(name);
            if (!Files.isExecutable(path) && !path.toFile().setExecutable(true)) {
                throw new IllegalStateException(path + " cannot be made executable");
            }
            log.info("Using the bundled {} at {}", name, path);
            return path;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The bundled " + name + " is not available for this platform ("
                    + folder + "): install ffmpeg and set " + MediaToolSettings.PREFIX + "." + name + "-path", e);
        }
    }
}
