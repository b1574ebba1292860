package io.switchboard.insights;

import io.switchboard.publishing.PostType;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/** The decaying schedule: when a post's metrics are read next, or null when its schedule is over. */
final class Schedule {
    private static final Duration WEEK = Duration.ofDays(7);

    private Schedule() {
    }

    static @Nullable OffsetDateTime next(InsightsSettings settings, PostType type, OffsetDateTime publishedAt,
                                         OffsetDateTime now) {
        Duration age = Duration.between(publishedAt, now);
        List<Duration> points = type == PostType.STORIES ? settings.storyAfter() : settings.after();
        for (Duration point : points) {
            if (point.compareTo(age) > 0) {
                return publishedAt.plus(point);
            }
        }
        if (type == PostType.STORIES) {
            return null;
        }
        Duration last = points.getLast();
        long weeks = Math.max(0, age.minus(last).toSeconds() / WEEK.toSeconds()) + 1;
        Duration next = last.plus(WEEK.multipliedBy(weeks));
        return next.compareTo(settings.weeklyFor()) > 0 ? null : publishedAt.plus(next);
    }
}
