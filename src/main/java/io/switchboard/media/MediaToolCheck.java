package io.switchboard.media;

import io.switchboard.tasks.Outcome;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs {@code ffmpeg -version} and {@code ffprobe -version} once, at start: if either cannot run (typically a
 * system library the bundled build needs is missing), the log, readiness ({@code mediaTools} in the health
 * groups) and the Media page say what is missing and how to install it, and this instance leaves media
 * preparation to the others.
 */
@Component("mediaTools")
class MediaToolCheck implements HealthIndicator {
    private static final Logger log = LoggerFactory.getLogger(MediaToolCheck.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final FfmpegTools tools;
    private volatile @Nullable Optional<ToolProblem> result;

    MediaToolCheck(FfmpegTools tools) {
        this.tools = tools;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        problem().ifPresentOrElse(p -> log.error("{} Install: {}", p.sentence(), p.command()),
                () -> log.info("ffmpeg and ffprobe run on this instance"));
    }

    /** Why ffmpeg or ffprobe cannot run here, if they cannot (checked once). */
    Optional<ToolProblem> problem() {
        Optional<ToolProblem> known = result;
        if (known == null) {
            synchronized (this) {
                known = result;
                if (known == null) {
                    known = result = check(tools);
                }
            }
        }
        return known;
    }

    @Override
    public Health health() {
        return problem().map(p -> Health.down().withDetail("problem", p.sentence()).withDetail("install", p.command())
                .build()).orElseGet(() -> Health.up().build());
    }

    /** A media task on an instance whose tools cannot run waits for one whose tools can, using no attempt. */
    static Outcome elsewhere(ToolProblem problem) {
        return Outcome.retryAfter(Duration.ofMinutes(1), problem.sentence());
    }

    /**
     * The same check without the application, for an admin or CI on a new machine: prints what is missing and
     * the command that installs it, and exits 3 (0 when both tools run). Run it from the extracted jar:
     * {@code java -cp switchboard.jar io.switchboard.media.MediaToolCheck}.
     */
    static void main(String[] args) {
        Optional<ToolProblem> problem = check(new FfmpegTools(new MediaToolSettings(null, null, TIMEOUT,
                Duration.ofHours(2))));
        problem.ifPresentOrElse(p -> System.out.println(p.sentence() + System.lineSeparator() + p.command()),
                () -> System.out.println("ffmpeg and ffprobe run on this machine"));
        System.exit(problem.isPresent() ? 3 : 0);
    }

    static Optional<ToolProblem> check(FfmpegTools tools) {
        return check("ffmpeg", () -> tools.ffmpeg(List.of("-version")))
                .or(() -> check("ffprobe", () -> tools.ffprobe(List.of("-version"))));
    }

    static Optional<ToolProblem> check(String tool, Supplier<ProcessBuilder> command) {
        String failure;
        try {
            failure = switch (ToolRun.run(command.get(), TIMEOUT, 1024 * 1024, () -> false)) {
                case ToolRun.Result.Finished(int exit, String output, List<String> errors) when exit == 0 -> null;
                case ToolRun.Result.Finished(int exit, String output, List<String> errors) ->
                        "exited with " + exit + (errors.isEmpty() ? "" : ": " + String.join(" / ", errors));
                case ToolRun.Result.TimedOut t -> "did not answer within " + TIMEOUT.toSeconds() + " s";
                case ToolRun.Result.OutputTooLarge o -> "printed more than a version";
                case ToolRun.Result.Stopped s -> "was stopped";
            };
        } catch (IOException | RuntimeException e) {
            failure = "could not be started: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "was interrupted";
        }
        if (failure == null) {
            return Optional.empty();
        }
        String setting = "switchboard.media.tools." + tool + "-path";
        Optional<String> library = MissingLibraries.in(failure);
        if (library.isPresent()) {
            return Optional.of(new ToolProblem("The bundled " + tool + " cannot run on this machine: the system "
                    + "library " + library.get() + " is missing. Install the libraries it needs (the command below, "
                    + "as root) and restart, or set " + setting + " to a system " + tool + ". Until then this "
                    + "instance prepares no media.",
                    MissingLibraries.installCommand(library.get(), Path.of("/etc/os-release"))));
        }
        return Optional.of(new ToolProblem(tool + " cannot run on this machine: it " + failure + ". Set " + setting
                + " to a working " + tool + " and restart. Until then this instance prepares no media.",
                "apt-get install --no-install-recommends ffmpeg"));
    }
}
