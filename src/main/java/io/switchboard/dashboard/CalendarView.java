package io.switchboard.dashboard;

import io.switchboard.publishing.PostStatus;
import io.switchboard.publishing.PostType;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The calendar's request as the URL carries it: view (month, week, day), the day it shows, the viewer's time zone
 * and the filters (account, tag, campaign, post type, states). Anything unreadable falls back to the default and
 * is said on the page, so a shared link never breaks.
 */
public record CalendarView(String view, LocalDate date, ZoneId zone, String account, String tag, @Nullable Long campaign,
                    @Nullable PostType type, Set<PostStatus> states, List<String> mistakes) {

    static CalendarView of(@Nullable String view, @Nullable String date, @Nullable String zone, @Nullable String account,
                           @Nullable String tag, @Nullable Long campaign, @Nullable String type,
                           @Nullable List<String> states, LocalDate today) {
        List<String> mistakes = new ArrayList<>();
        String v = view == null || view.isBlank() ? "month" : view.toLowerCase(Locale.ROOT);
        if (!List.of("month", "week", "day").contains(v)) {
            mistakes.add("There is no “" + view + "” view: showing the month.");
            v = "month";
        }
        ZoneId z = ZoneId.of("UTC");
        if (zone != null && !zone.isBlank()) {
            try {
                z = ZoneId.of(zone.strip());
            } catch (DateTimeException e) {
                mistakes.add("“" + zone + "” is not a time zone (such as Europe/Berlin): showing UTC.");
            }
        }
        LocalDate d = today;
        if (date != null && !date.isBlank()) {
            try {
                d = LocalDate.parse(date.strip());
            } catch (DateTimeParseException e) {
                mistakes.add("“" + date + "” is not a day (such as 2026-11-26): showing today.");
            }
        }
        PostType t = null;
        if (type != null && !type.isBlank()) {
            try {
                t = PostType.valueOf(type.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                mistakes.add("“" + type + "” is not a post type: showing every type.");
            }
        }
        Set<PostStatus> s = EnumSet.noneOf(PostStatus.class);
        for (String state : states == null ? List.<String>of() : states) {
            try {
                s.add(PostStatus.valueOf(state.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                mistakes.add("“" + state + "” is not a post state: left out.");
            }
        }
        return new CalendarView(v, d, z, account == null ? "" : account.strip(), tag == null ? "" : tag.strip(), campaign,
                t, s, mistakes);
    }

    /** The first day shown: the Monday of the month's first week, of the week, or the day. */
    public LocalDate first() {
        return switch (view) {
            case "month" -> date.withDayOfMonth(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "week" -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            default -> date;
        };
    }

    /** The day after the last day shown. */
    public LocalDate end() {
        return switch (view) {
            case "month" -> date.with(TemporalAdjusters.lastDayOfMonth()).with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)).plusDays(1);
            case "week" -> first().plusDays(7);
            default -> date.plusDays(1);
        };
    }

    public LocalDate previous() {
        return switch (view) {
            case "month" -> date.minusMonths(1);
            case "week" -> date.minusWeeks(1);
            default -> date.minusDays(1);
        };
    }

    public LocalDate next() {
        return switch (view) {
            case "month" -> date.plusMonths(1);
            case "week" -> date.plusWeeks(1);
            default -> date.plusDays(1);
        };
    }

    /** How many posts a day shows before "N more". */
    public int perDay() {
        return switch (view) {
            case "month" -> 3;
            case "week" -> 12;
            default -> 200;
        };
    }

    public boolean hasFilter() {
        return !account.isBlank() || !tag.isBlank() || campaign != null || type != null || !states.isEmpty();
    }

    public boolean shows(PostStatus status) {
        return states.contains(status);
    }

    /** The link to this calendar with another view or day (null keeps this one's). */
    public String link(@Nullable String otherView, @Nullable LocalDate otherDate) {
        var uri = UriComponentsBuilder.fromPath("/calendar")
                .queryParam("view", otherView == null ? view : otherView)
                .queryParam("date", otherDate == null ? date : otherDate)
                .queryParam("zone", zone.getId());
        if (!account.isBlank()) {
            uri.queryParam("account", account);
        }
        if (!tag.isBlank()) {
            uri.queryParam("tag", tag);
        }
        if (campaign != null) {
            uri.queryParam("campaign", campaign);
        }
        if (type != null) {
            uri.queryParam("type", type.name().toLowerCase(Locale.ROOT));
        }
        states.forEach(s -> uri.queryParam("state", s.name().toLowerCase(Locale.ROOT)));
        return uri.encode().build().toUriString();
    }

    public String here() {
        return link(null, null);
    }
}
