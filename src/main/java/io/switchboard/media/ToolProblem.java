package io.switchboard.media;

/**
 * ffmpeg or ffprobe cannot run on this instance, said for an admin.
 *
 * @param sentence what is wrong, naming the tool and (when that is the cause) the missing system library
 * @param command  the shell command that installs what is missing (on Debian and Ubuntu)
 */
public record ToolProblem(String sentence, String command) {
}
