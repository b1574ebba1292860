package io.switchboard.media;

import org.springframework.context.ApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** For the media benchmark (another package): the exact ffmpeg command the runner uses, to run it directly. */
public final class BenchAccess {
    private BenchAccess() {
    }

    /** The runner's transcode of {@code input} as a full command line (executable first). */
    public static List<String> transcodeCommand(ApplicationContext app, Path input, Path output) {
        MediaSettings settings = app.getBean(MediaSettings.class);
        MediaFacts facts = app.getBean(MediaProbe.class).probe(input);
        List<String> command = new ArrayList<>(List.of(app.getBean(FfmpegTools.class).ffmpegPath().toString()));
        command.addAll(FfmpegCommands.reel(input, output, facts, settings.transcodePreset(), settings.videoMaxKbps()));
        return command;
    }

    /** A process builder for that command, with the bundled libraries found as the runner finds them. */
    public static ProcessBuilder processFor(ApplicationContext app, List<String> command) {
        return app.getBean(FfmpegTools.class).ffmpeg(command.subList(1, command.size()));
    }
}
