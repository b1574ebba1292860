package io.switchboard.dashboard;

import io.switchboard.insights.AccountDay;
import io.switchboard.insights.AccountRow;
import io.switchboard.insights.Comparison;
import io.switchboard.insights.DayPoint;
import io.switchboard.insights.HeatMap;
import io.switchboard.insights.PostResult;
import io.switchboard.insights.Slot;
import org.springframework.stereotype.Component;
import org.thymeleaf.util.StringUtils;
import org.unbescape.html.HtmlEscape;

import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Insights' long tables' rows, written as HTML here, so a template prints each table's body with one expression: a
 * {@code th:each} over the rows evaluated a SpEL expression and ran Thymeleaf's processors per cell, which was most of
 * each page's time on a young JVM (JFR of the insights benchmark at 3 warm-ups: over half of the request samples in
 * template loops). Every text and attribute value is escaped as {@code th:text} escapes it. Built per request from
 * what was just read: nothing kept.
 */
@Component
class InsightTables {
    private final Formats formats;
    private final InsightWords words;

    InsightTables(Formats formats, InsightWords words) {
        this.formats = formats;
        this.words = words;
    }

    /** Table rows as HTML (every value escaped), and how many there are. */
    public record Rows(String html, int count) {
        public boolean isEmpty() {
            return count == 0;
        }

        public int size() {
            return count;
        }
    }

    /** Posts compared by one thing; {@code heading} is the first column's title. */
    public record ComparisonTable(String dimension, String heading, Rows rows) {
    }

    /** Days of results (posts published that day, UTC): day, posts, reach, views, interactions. */
    Rows days(List<DayPoint> days, Locale locale) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("EEE d MMM yyyy", locale);
        Html html = new Html();
        for (DayPoint d : days) {
            html.open().cell(format.format(d.day())).num(formats.count(d.posts())).num(formats.count(d.reach()))
                    .num(formats.count(d.views())).num(formats.count(d.interactions())).close();
        }
        return html.rows(days.size());
    }

    /** An account's followers and daily metrics day by day. */
    Rows followers(List<AccountDay> days, Locale locale) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("EEE d MMM yyyy", locale);
        Html html = new Html();
        for (AccountDay d : days) {
            html.open().cell(format.format(d.day())).num(formats.count(d.followers())).num(formats.count(d.reach()))
                    .num(formats.count(d.views())).num(formats.count(d.profileViews())).num(formats.count(d.engaged()))
                    .close();
        }
        return html.rows(days.size());
    }

    /** Accounts' shares of a campaign or report, each linked to its insights ({@code base}: the context path). */
    Rows accounts(List<AccountRow> rows, String base) {
        Html html = new Html();
        for (AccountRow r : rows) {
            html.open().raw("<td><a href=\"").text(base + "/accounts/" + r.accountId() + "/insights").raw("\">")
                    .text("@" + r.username()).raw("</a></td>").num(formats.count(r.totals().posts()))
                    .num(formats.count(r.totals().reach())).num(formats.count(r.totals().views()))
                    .num(formats.count(r.totals().interactions())).num(r.totals().engagementPercent()).close();
        }
        return html.rows(rows.size());
    }

    List<ComparisonTable> comparisons(List<Comparison> comparisons) {
        return comparisons.stream().map(c -> {
            Html html = new Html();
            for (Comparison.Group g : c.groups()) {
                html.open().cell(StringUtils.abbreviate(g.label(), 90)).num(formats.count(g.totals().posts()))
                        .num(formats.count(g.totals().posts() == 0 ? 0 : g.totals().reach() / g.totals().posts()))
                        .num(g.totals().engagementPercent()).close();
            }
            return new ComparisonTable(c.dimension(), StringUtils.capitalize(c.dimension()), html.rows(c.groups().size()));
        }).toList();
    }

    /** The heat map's body: a row per weekday ("MON"), a cell per hour with its shade, title and brief number. */
    Rows heatMap(HeatMap map, Optional<Slot> suggested) {
        Html html = new Html();
        for (HeatMap.Row row : map.rows()) {
            html.open().raw("<th scope=\"row\">").text(row.day().name().substring(0, 3)).raw("</th>");
            for (Slot cell : row.cells()) {
                boolean chosen = suggested.isPresent() && suggested.get().equals(cell);
                html.raw("<td class=\"heat-").raw(String.valueOf(map.level(cell))).raw(chosen ? " suggested" : "")
                        .raw("\" title=\"").text(cell.posts() == 0 ? "no post"
                                : formats.count(cell.averageReach()) + " per post, " + cell.posts() + " posts")
                        .raw("\">").text(cell.posts() == 0 ? "" : words.brief(cell.averageReach())).raw("</td>");
            }
            html.close();
        }
        return html.rows(map.rows().size());
    }

    /**
     * Posts with their latest metrics: thumbnail (or why none), type, account, caption, link to the platform, problem,
     * when published, reach, views, interactions, engagement and when read ({@code base}: the context path).
     */
    Rows posts(Collection<PostResult> posts, Map<Long, PostThumbnails.Thumbnail> thumbnails, String base) {
        Html html = new Html();
        for (PostResult p : posts) {
            PostThumbnails.Thumbnail thumb = thumbnails.get(p.postId());
            html.open().raw("<td><div class=\"post-result\">");
            if (thumb != null) {
                html.raw("<img class=\"post-thumb\" src=\"").text(thumb.path()).raw("\" alt=\"").text("Thumbnail: " + thumb.alt())
                        .raw("\" loading=\"lazy\" decoding=\"async\" width=\"48\" height=\"48\">");
            } else {
                html.raw("<span class=\"post-thumb post-thumb-empty\" role=\"img\" aria-label=\"No thumbnail: the post's "
                        + "media is no longer in the library\">–</span>");
            }
            html.raw("<div class=\"post-result-text\"><span><span class=\"badge\">")
                    .text(StringUtils.capitalize(p.type().name().toLowerCase(Locale.ROOT))).raw("</span> <a href=\"")
                    .text(base + "/accounts/" + p.accountId() + "/insights").raw("\">").text("@" + p.username())
                    .raw("</a></span> <span class=\"small\">").text(StringUtils.abbreviate(p.caption(), 80)).raw("</span>");
            String link = formats.webLink(p.permalink());
            if (link != null) {
                html.raw(" <a class=\"small\" href=\"").text(link)
                        .raw("\" target=\"_blank\" rel=\"noopener\">See the post on the platform</a>");
            }
            if (p.problem() != null) {
                html.raw(" <span class=\"small muted\">").text(p.problem()).raw("</span>");
            }
            html.raw("</div></div></td>").cell("small", formats.moment(p.publishedAt()))
                    .num(formats.count(p.metrics().reach())).num(formats.count(p.metrics().views()))
                    .num(formats.count(p.metrics().interactions())).num(p.metrics().engagementPercent())
                    .cell("small", p.collectedAt() == null ? "not yet"
                            : formats.moment(p.collectedAt()) + ", " + p.collections() + "×")
                    .close();
        }
        return html.rows(posts.size());
    }

    /** Rows written as HTML: literal markup as given, every value escaped as {@code th:text} escapes it (unbescape, Thymeleaf's own). */
    private static final class Html {
        private final StringBuilder out = new StringBuilder(4096);

        Html open() {
            out.append("<tr>");
            return this;
        }

        Html close() {
            out.append("</tr>\n");
            return this;
        }

        Html cell(String text) {
            return raw("<td>").text(text).raw("</td>");
        }

        Html cell(String classes, String text) {
            return raw("<td class=\"").raw(classes).raw("\">").text(text).raw("</td>");
        }

        Html num(String text) {
            return cell("num", text);
        }

        Html raw(String markup) {
            out.append(markup);
            return this;
        }

        Html text(String text) {
            out.append(HtmlEscape.escapeHtml4Xml(text));
            return this;
        }

        Rows rows(int count) {
            return new Rows(out.toString(), count);
        }
    }
}
