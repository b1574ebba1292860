package io.switchboard.sandbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox's metrics: the same post answers the same numbers, they grow with age, reach is heavy-tailed. */
class MetricModelTest {

    @Test
    void a_post_answers_the_same_numbers_at_the_same_age_and_more_as_it_ages() {
        var first = MetricModel.post(17841400000000123L, "IMAGE", 5000, Duration.ofHours(6));
        assertThat(MetricModel.post(17841400000000123L, "IMAGE", 5000, Duration.ofHours(6))).isEqualTo(first);
        var later = MetricModel.post(17841400000000123L, "IMAGE", 5000, Duration.ofDays(3));
        assertThat(later.reach()).isGreaterThan(first.reach());
        assertThat(later.views()).isGreaterThan(first.views());
        assertThat(later.interactions()).isGreaterThanOrEqualTo(first.interactions());
        assertThat(MetricModel.post(17841400000000123L, "IMAGE", 5000, Duration.ZERO).reach()).isZero();
    }

    @Test
    void reach_is_heavy_tailed_across_posts() {
        long[] reach = LongStream.range(0, 2000)
                .map(i -> MetricModel.post(17841400000000000L + i, "IMAGE", 5000, Duration.ofDays(28)).reach())
                .sorted().toArray();
        long median = reach[reach.length / 2];
        long top = reach[reach.length - 1];
        long p99 = reach[(int) (reach.length * 0.99)];
        assertThat(top).as("the best post reaches far more than the typical one").isGreaterThan(median * 10);
        assertThat(p99).isGreaterThan(median * 4);
        assertThat(Arrays.stream(reach).filter(r -> r > 5000).count()).as("a few go beyond the followers")
                .isBetween(10L, 400L);
    }

    @Test
    void reels_engage_more_than_single_images_and_stories_least() {
        double reels = rate("VIDEO");
        double images = rate("IMAGE");
        double stories = rate("STORIES");
        assertThat(reels).isGreaterThan(images);
        assertThat(images).isGreaterThan(stories);
        assertThat(MetricModel.post(5, "VIDEO", 1000, Duration.ofDays(2)).avgWatchMillis()).isPositive();
        assertThat(MetricModel.post(5, "IMAGE", 1000, Duration.ofDays(2)).avgWatchMillis()).isZero();
    }

    @Test
    void followers_grow_day_by_day() {
        long start = MetricModel.followers(42, 1000, Duration.ZERO);
        long month = MetricModel.followers(42, 1000, Duration.ofDays(30));
        assertThat(start).isEqualTo(1000);
        assertThat(month).isGreaterThan(start).isLessThan(start * 2);
    }

    private static double rate(String type) {
        long reach = 0;
        long interactions = 0;
        for (int i = 0; i < 500; i++) {
            var m = MetricModel.post(1000 + i, type, 5000, Duration.ofDays(28));
            reach += m.reach();
            interactions += m.interactions();
        }
        return (double) interactions / reach;
    }
}
