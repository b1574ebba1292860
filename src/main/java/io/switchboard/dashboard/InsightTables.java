package io.switchboard.dashboard;

import io.switchboard.insights.AccountDay;
import io.switchboard.insights.AccountRow;
import io.switchboard.insights.Comparison;
import io.switchboard.insights.DayPoint;
import io.switchboard.insights.HeatMap;
import io.switchboard.insights.Slot;
import org.springframework.stereotype.Component;
import org.thymeleaf.util.StringUtils;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Insights' long tables with every cell already in operators' words, so the templates' loops only print: evaluated
 * inside {@code th:each}, the formatting expressions (a bean method per number, the heat map's level and title per
 * cell) cost the pages several times what their queries did. Built per request from what was just read: nothing kept.
 */
@Component
class InsightTables {
    private final Formats formats;
    private final InsightWords words;

    InsightTables(Formats formats, InsightWords words) {
        this.formats = formats;
        this.words = words;
    }

    /** A day of results (posts published that day, UTC). */
    public record DayLine(String day, String posts, String reach, String views, String interactions) {
    }

    /** An account's followers and daily metrics on one day. */
    public record FollowerLine(String day, String followers, String reach, String views, String profileViews,
                               String engaged) {
    }

    /** An account's share of a campaign or report. */
    public record AccountLine(long accountId, String username, String posts, String reach, String views,
                              String interactions, String engagement) {
    }

    /** Posts compared by one thing; {@code heading} is the first column's title. */
    public record ComparisonTable(String dimension, String heading, List<ComparisonLine> rows) {
    }

    public record ComparisonLine(String label, String posts, String reachPerPost, String engagement) {
    }

    /** A weekday of the heat map ("MON"), its 24 hours. */
    public record HeatRow(String day, List<HeatCell> cells) {
    }

    /** An hour of the heat map: its classes (shade, suggested), its title and its brief number (empty: no post). */
    public record HeatCell(String classes, String title, String text) {
    }

    List<DayLine> days(List<DayPoint> days, Locale locale) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("EEE d MMM yyyy", locale);
        return days.stream().map(d -> new DayLine(format.format(d.day()), formats.count(d.posts()),
                formats.count(d.reach()), formats.count(d.views()), formats.count(d.interactions()))).toList();
    }

    List<FollowerLine> followers(List<AccountDay> days, Locale locale) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("EEE d MMM yyyy", locale);
        return days.stream().map(d -> new FollowerLine(format.format(d.day()), formats.count(d.followers()),
                formats.count(d.reach()), formats.count(d.views()), formats.count(d.profileViews()),
                formats.count(d.engaged()))).toList();
    }

    List<AccountLine> accounts(List<AccountRow> rows) {
        return rows.stream().map(r -> new AccountLine(r.accountId(), "@" + r.username(), formats.count(r.totals().posts()),
                formats.count(r.totals().reach()), formats.count(r.totals().views()),
                formats.count(r.totals().interactions()), r.totals().engagementPercent())).toList();
    }

    List<ComparisonTable> comparisons(List<Comparison> comparisons) {
        return comparisons.stream().map(c -> new ComparisonTable(c.dimension(), StringUtils.capitalize(c.dimension()),
                c.groups().stream().map(g -> new ComparisonLine(StringUtils.abbreviate(g.label(), 90),
                        formats.count(g.totals().posts()),
                        formats.count(g.totals().posts() == 0 ? 0 : g.totals().reach() / g.totals().posts()),
                        g.totals().engagementPercent())).toList())).toList();
    }

    List<HeatRow> heatMap(HeatMap map, Optional<Slot> suggested) {
        return map.rows().stream().map(row -> new HeatRow(row.day().name().substring(0, 3), row.cells().stream()
                .map(cell -> new HeatCell("heat-" + map.level(cell) + (suggested.isPresent() && suggested.get().equals(cell)
                        ? " suggested" : ""),
                        cell.posts() == 0 ? "no post" : formats.count(cell.averageReach()) + " per post, " + cell.posts()
                                + " posts",
                        cell.posts() == 0 ? "" : words.brief(cell.averageReach()))).toList())).toList();
    }
}
