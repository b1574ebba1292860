package io.switchboard.publishing;

import io.switchboard.platform.Platform;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FirstLooksTest {
    private static final Duration POLL_FIRST = Duration.ofSeconds(3);
    private static final Duration POLL_MAX = Duration.ofSeconds(60);
    private final FirstLooks looks = new FirstLooks(new PublishingSettings(POLL_FIRST, POLL_MAX, 40,
            Duration.ofHours(6), 50, Duration.ofMinutes(5), 5, 200_000));

    @Test
    void a_new_instance_looks_first_after_poll_first() {
        assertThat(looks.wait(Platform.INSTAGRAM, PostType.REELS)).isEqualTo(POLL_FIRST);
    }

    @Test
    void first_looks_settle_just_after_the_time_the_platform_takes_to_process() {
        Duration processing = Duration.ofSeconds(20);
        int early = 0;
        for (int container = 0; container < 2_000; container++) {
            Duration wait = looks.wait(Platform.INSTAGRAM, PostType.REELS);
            boolean ready = wait.compareTo(processing) >= 0;
            early += container >= 1_000 && !ready ? 1 : 0;
            looks.found(Platform.INSTAGRAM, PostType.REELS, wait, ready);
        }
        assertThat(looks.wait(Platform.INSTAGRAM, PostType.REELS)).isBetween(processing.multipliedBy(100).dividedBy(121),
                processing.multipliedBy(121).dividedBy(100));
        assertThat(early).as("first looks too early of the last 1,000").isBetween(100, 250);
        // learned per platform and post type
        assertThat(looks.wait(Platform.INSTAGRAM, PostType.IMAGE)).isEqualTo(POLL_FIRST);
    }

    @Test
    void many_containers_made_at_once_and_still_processing_move_the_first_look_by_a_tenth() {
        for (int container = 0; container < 1_000; container++) {
            looks.found(Platform.INSTAGRAM, PostType.REELS, POLL_FIRST, false);
        }
        assertThat(looks.wait(Platform.INSTAGRAM, PostType.REELS)).isEqualTo(Duration.ofMillis(3300));
        for (int container = 0; container < 1_000; container++) {
            looks.found(Platform.INSTAGRAM, PostType.REELS, Duration.ofMillis(3300), true);
        }
        assertThat(looks.wait(Platform.INSTAGRAM, PostType.REELS)).isEqualTo(POLL_FIRST);
    }

    @Test
    void a_first_look_that_came_long_too_early_moves_the_wait_past_that_containers_age_at_once() {
        // a burst: the platform's fetchers are behind, containers are ready after about 40 s, not poll-first's 3 s;
        // a first look that ran at 30 s (its queue was behind too) found one still processing
        looks.found(Platform.INSTAGRAM, PostType.REELS, Duration.ofSeconds(30), false);

        assertThat(looks.wait(Platform.INSTAGRAM, PostType.REELS)).isEqualTo(Duration.ofSeconds(33));
        // the same news from the other containers made with it moves it no further
        for (int container = 0; container < 100; container++) {
            looks.found(Platform.INSTAGRAM, PostType.REELS, Duration.ofSeconds(30), false);
        }
        assertThat(looks.wait(Platform.INSTAGRAM, PostType.REELS)).isEqualTo(Duration.ofSeconds(33));
        // an early look at a younger container says nothing new: the wait stays
        looks.found(Platform.INSTAGRAM, PostType.REELS, Duration.ofSeconds(5), false);
        assertThat(looks.wait(Platform.INSTAGRAM, PostType.REELS)).isEqualTo(Duration.ofSeconds(33));
        // containers that were ready bring it back down, a fortieth a look
        looks.found(Platform.INSTAGRAM, PostType.REELS, Duration.ofSeconds(33), true);
        assertThat(looks.wait(Platform.INSTAGRAM, PostType.REELS)).isEqualTo(Duration.ofMillis(Math.round(33_000 / 1.025)));
    }

    @Test
    void the_first_look_is_never_later_than_poll_max() {
        for (int container = 0; container < 1_000; container++) {
            looks.found(Platform.INSTAGRAM, PostType.REELS, Duration.ofHours(1), false);
        }
        assertThat(looks.wait(Platform.INSTAGRAM, PostType.REELS)).isEqualTo(POLL_MAX);
    }
}
