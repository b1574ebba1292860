package io.switchboard.media;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param ffmpegPath    a system ffmpeg to use instead of the bundled one
 * @param ffprobePath   a system ffprobe to use instead of the bundled one
 * @param probeTimeout  longest ffprobe run on one file; past it the file is refused as unreadable
 * @param ffmpegTimeout longest ffmpeg run (a transcode, a cover); past it the preparation fails
 */
@ConfigurationProperties(MediaToolSettings.PREFIX)
record MediaToolSettings(@Nullable String ffmpegPath, @Nullable String ffprobePath,
                         @DefaultValue("60s") Duration probeTimeout,
                         @DefaultValue("2h") Duration ffmpegTimeout) {
    static final String PREFIX = "switchboard.media.tools";
}
