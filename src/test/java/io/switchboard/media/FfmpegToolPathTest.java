package io.switchboard.media;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The message about a wrong ffmpeg path names the property an admin really sets to fix it. */
class FfmpegToolPathTest {
    private static final Pattern PROPERTY = Pattern.compile("(switchboard\\.[a-z.-]+-path)");

    @Test
    void a_configured_path_that_is_no_executable_is_named_with_the_property_that_binds() {
        Throwable refused = catchThrowable(() ->
                new FfmpegTools(new MediaToolSettings("/no/such/ffmpeg", null, Duration.ofSeconds(60),
                        Duration.ofHours(2))).ffmpegPath());

        Matcher named = PROPERTY.matcher(refused.getMessage());
        assertThat(named.find()).as(refused.getMessage()).isTrue();
        MediaToolSettings bound = new Binder(new MapConfigurationPropertySource(Map.of(named.group(1), "/usr/bin/ffmpeg")))
                .bindOrCreate(MediaToolSettings.PREFIX, MediaToolSettings.class);
        assertThat(bound.ffmpegPath()).as("the property %s binds", named.group(1)).isEqualTo("/usr/bin/ffmpeg");
    }
}
