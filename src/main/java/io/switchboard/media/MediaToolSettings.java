package io.switchboard.media;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param ffmpegPath  a system ffmpeg to use instead of the bundled one
 * @param ffprobePath a system ffprobe to use instead of the bundled one
 */
@ConfigurationProperties(MediaToolSettings.PREFIX)
record MediaToolSettings(@Nullable String ffmpegPath, @Nullable String ffprobePath) {
    static final String PREFIX = "switchboard.media.tools";
}
