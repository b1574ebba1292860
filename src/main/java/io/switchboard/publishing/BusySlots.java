package io.switchboard.publishing;

import io.switchboard.infrastructure.Durations;
import io.switchboard.infrastructure.Moments;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One account's time line while a plan is scheduled: its posts from other campaigns (planned, on their way, or
 * published within the quota window) and the plan's posts placed so far. Finds the earliest time a post of the
 * plan really goes out: inside the daily window, under the daily maximum, spaced from every other post the way
 * the publish runner spaces them (a post waits for its own campaign's spacing after the account's last post), and
 * within the publishing quota; and says what made it later.
 */
final class BusySlots {
    private static final int GUARD = 100_000;
    private final Schedule schedule;
    private final Planner.Target target;
    private final List<Busy> busy;
    private final List<Instant> busyTimes;
    private final Duration longestSpacing;
    private final Map<LocalDate, Integer> perDay = new HashMap<>();
    private final TreeMap<Instant, Integer> taken = new TreeMap<>();

    /**
     * A post of another campaign on the account.
     *
     * @param spacing  its campaign's spacing: it waits that long after the account's previous post
     * @param campaign its campaign's name
     */
    record Busy(Instant at, Duration spacing, String campaign) {
    }

    /** What made a post later than its campaign's own spacing would. */
    enum Cause { WINDOW, DAILY_MAX, SPACING, QUOTA }

    /**
     * @param waitsFor in words, null when nothing made it later
     * @param campaign the other campaign it waits for, with {@link Cause#SPACING}
     */
    record Slot(Instant at, @Nullable String waitsFor, @Nullable Cause cause, @Nullable String campaign) {
    }

    BusySlots(Schedule schedule, Planner.Target target, List<Busy> busy) {
        this.schedule = schedule;
        this.target = target;
        this.busy = new ArrayList<>(busy);
        this.busy.sort(Comparator.comparing(Busy::at));
        this.busyTimes = this.busy.stream().map(Busy::at).toList();
        this.longestSpacing = busy.stream().map(Busy::spacing).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        for (Busy b : this.busy) {
            count(b.at());
        }
    }

    /** The earliest slot at or after {@code earliest}, taken for a post of the plan. */
    Slot take(Instant earliest) {
        Slot slot = find(earliest);
        count(slot.at());
        return slot;
    }

    /** The earliest slot at or after {@code earliest}, not taken: where a post moved to {@code earliest} would go out. */
    Slot check(Instant earliest) {
        return find(earliest);
    }

    private void count(Instant at) {
        perDay.merge(at.atZone(target.zone()).toLocalDate(), 1, Integer::sum);
        taken.merge(at, 1, Integer::sum);
    }

    private Slot find(Instant earliest) {
        ZoneId zone = target.zone();
        ZonedDateTime t = earliest.atZone(zone);
        Slot why = new Slot(earliest, null, null, null);
        for (int guard = 0; guard < GUARD; guard++) {
            if (schedule.hasWindow()) {
                if (t.toLocalTime().isBefore(schedule.windowStart())) {
                    t = t.with(schedule.windowStart());
                    why = because(Cause.WINDOW, window(), null);
                } else if (!t.toLocalTime().isBefore(schedule.windowEnd())) {
                    t = dayStart(t.toLocalDate().plusDays(1));
                    why = because(Cause.WINDOW, window(), null);
                    continue;
                }
            }
            if (perDay.getOrDefault(t.toLocalDate(), 0) >= schedule.dailyMax()) {
                t = dayStart(t.toLocalDate().plusDays(1));
                why = because(Cause.DAILY_MAX, "the daily maximum of " + schedule.dailyMax() + " post"
                        + (schedule.dailyMax() == 1 ? "" : "s") + " on @" + target.username(), null);
                continue;
            }
            Instant at = t.toInstant();
            Busy other = conflict(at);
            if (other != null) {
                Duration ours = schedule.minSpacing();
                // the reason is read beside the time the post moves to: the other post's day is named unless it is
                // that one (a post moved past midnight must not read "after the 23:24 post" as if the same day)
                Instant movedTo = other.at().plus(ours.isZero() ? Duration.ofSeconds(1) : ours);
                String words = other.at().isAfter(at) || ours.isZero()
                        ? "@" + target.username() + "'s " + Moments.near(other.at(), movedTo) + " post from "
                        + other.campaign() + " and its " + Durations.adjective(other.spacing()) + " spacing"
                        : "the " + Durations.adjective(ours) + " spacing after @" + target.username() + "'s "
                        + Moments.near(other.at(), movedTo) + " post from " + other.campaign();
                t = movedTo.atZone(zone);
                why = because(Cause.SPACING, words, other.campaign());
                continue;
            }
            Instant freed = quotaFreesAt(at);
            if (freed != null) {
                t = freed.atZone(zone);
                why = because(Cause.QUOTA, "a free slot in @" + target.username() + "'s publishing quota ("
                        + target.quota() + " posts per 24 hours)", null);
                continue;
            }
            return new Slot(at, why.waitsFor(), why.cause(), why.campaign());
        }
        throw new IllegalStateException("No slot found for @" + target.username() + ": check the schedule");
    }

    private static Slot because(Cause cause, String words, @Nullable String campaign) {
        return new Slot(Instant.EPOCH, words, cause, campaign);
    }

    private ZonedDateTime dayStart(LocalDate day) {
        return day.atTime(schedule.hasWindow() ? schedule.windowStart() : LocalTime.MIDNIGHT).atZone(target.zone());
    }

    private String window() {
        return "the daily window " + schedule.windowStart() + "–" + schedule.windowEnd() + " in " + target.zone().getId();
    }

    /**
     * Another campaign's post too close to {@code at}: one before it whose time plus our spacing is after {@code at}
     * (ours would wait for it), or one after it within its own spacing (it would wait for ours).
     */
    private @Nullable Busy conflict(Instant at) {
        Duration ours = schedule.minSpacing();
        int from = Collections.binarySearch(busyTimes, at.minus(ours));
        from = from < 0 ? -from - 1 : from;
        Instant until = at.plus(longestSpacing);
        for (int i = from; i < busy.size() && !busy.get(i).at().isAfter(until); i++) {
            Busy other = busy.get(i);
            boolean oursWaits = !other.at().isAfter(at) && at.isBefore(other.at().plus(ours));
            boolean theirsWaits = !at.isAfter(other.at()) && other.at().isBefore(at.plus(other.spacing()));
            if (oursWaits || theirsWaits) {
                return other;
            }
        }
        return null;
    }

    /** When a post at {@code at} would pass the quota of the 24 hours before it: when the oldest of them leaves. */
    private @Nullable Instant quotaFreesAt(Instant at) {
        var window = taken.subMap(at.minus(Planner.quotaWindow()), false, at, true);
        int count = window.values().stream().mapToInt(Integer::intValue).sum();
        return count < target.quota() ? null : window.firstKey().plus(Planner.quotaWindow());
    }
}
