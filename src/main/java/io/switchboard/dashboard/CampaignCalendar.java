package io.switchboard.dashboard;

import io.switchboard.publishing.Plan;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A plan's posts by day (UTC), for the preview's calendar. */
@Component
class CampaignCalendar {

    /**
     * One day of the calendar.
     *
     * @param accounts how many accounts publish that day
     */
    record Day(LocalDate date, int posts, int accounts, Instant first, Instant last) {
    }

    List<Day> days(List<Plan.Post> posts) {
        Map<LocalDate, List<Plan.Post>> byDay = new TreeMap<>();
        posts.forEach(p -> byDay.computeIfAbsent(p.at().atZone(ZoneOffset.UTC).toLocalDate(), d -> new ArrayList<>()).add(p));
        List<Day> days = new ArrayList<>();
        byDay.forEach((date, day) -> days.add(new Day(date, day.size(),
                (int) day.stream().mapToLong(Plan.Post::accountId).distinct().count(),
                day.stream().map(Plan.Post::at).min(Instant::compareTo).orElseThrow(),
                day.stream().map(Plan.Post::at).max(Instant::compareTo).orElseThrow())));
        return days;
    }
}
