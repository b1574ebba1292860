package io.switchboard.insights;

import io.switchboard.publishing.PostType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The decaying schedule: 1 h, 6 h, 24 h, 3 d, 7 d, 28 d, then weekly to 90 days; Stories within their day. */
class ScheduleTest {
    private static final InsightsSettings SETTINGS = new InsightsSettings(
            List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24), Duration.ofDays(3), Duration.ofDays(7),
                    Duration.ofDays(28)), Duration.ofDays(90), List.of(Duration.ofHours(1), Duration.ofHours(6),
            Duration.ofHours(20)), Duration.ofMinutes(1), 50, Duration.ofMinutes(2), Duration.ofDays(1));
    private static final OffsetDateTime PUBLISHED = OffsetDateTime.of(2026, 11, 2, 9, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void a_post_is_read_less_often_as_it_ages_then_weekly_until_its_schedule_ends() {
        assertThat(next(PostType.IMAGE, Duration.ZERO)).isEqualTo(Duration.ofHours(1));
        assertThat(next(PostType.IMAGE, Duration.ofHours(1))).isEqualTo(Duration.ofHours(6));
        assertThat(next(PostType.REELS, Duration.ofHours(7))).isEqualTo(Duration.ofHours(24));
        assertThat(next(PostType.CAROUSEL, Duration.ofDays(2))).isEqualTo(Duration.ofDays(3));
        assertThat(next(PostType.IMAGE, Duration.ofDays(28))).isEqualTo(Duration.ofDays(35));
        assertThat(next(PostType.IMAGE, Duration.ofDays(36))).isEqualTo(Duration.ofDays(42));
        assertThat(Schedule.next(SETTINGS, PostType.IMAGE, PUBLISHED, PUBLISHED.plusDays(85))).isNull();
    }

    @Test
    void a_story_is_read_before_its_insights_expire_and_never_after() {
        assertThat(next(PostType.STORIES, Duration.ofHours(6))).isEqualTo(Duration.ofHours(20));
        assertThat(next(PostType.STORIES, Duration.ofHours(20))).isNull();
    }

    private static Duration next(PostType type, Duration age) {
        OffsetDateTime next = Schedule.next(SETTINGS, type, PUBLISHED, PUBLISHED.plus(age));
        return next == null ? null : Duration.between(PUBLISHED, next);
    }
}
