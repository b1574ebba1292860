package io.switchboard.dashboard;

import io.switchboard.insights.AccountDay;
import io.switchboard.insights.DayPoint;
import io.switchboard.insights.Demographics;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Insights' chart data, as the page's chart script reads it (labels, series, chart type, axis titles with units). */
@Component
class InsightCharts {
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    /** Bars a demographics chart draws at most (the table below it lists every group). */
    static final int DEMOGRAPHIC_BARS = 10;
    private final JsonMapper json;

    InsightCharts(JsonMapper json) {
        this.json = json;
    }

    /** Reach, views and interactions of the posts published each day. */
    String days(List<DayPoint> days) {
        return json.writeValueAsString(Map.of("type", "bar", "stacked", false,
                "xTitle", "Day published (UTC)", "yTitle", "Accounts or times",
                "labels", days.stream().map(d -> DAY.format(d.day())).toList(),
                "series", List.of(
                        Map.of("label", "Reach (accounts)", "color", "#4f46e5",
                                "values", days.stream().map(DayPoint::reach).toList()),
                        Map.of("label", "Views (times seen)", "color", "#0ea5e9",
                                "values", days.stream().map(DayPoint::views).toList()),
                        Map.of("label", "Interactions", "color", "#10b981",
                                "values", days.stream().map(DayPoint::interactions).toList()))));
    }

    /** One bar chart per breakdown of the account's follower demographics (followers per group), by breakdown key. */
    Map<String, String> demographics(Demographics demographics) {
        Map<String, String> charts = new java.util.HashMap<>();
        for (Demographics.Part part : demographics.parts()) {
            List<Demographics.Group> shown = part.groups().stream().limit(DEMOGRAPHIC_BARS).toList();
            charts.put(part.breakdown().key(), json.writeValueAsString(Map.of("type", "bar", "stacked", false,
                    "xTitle", part.breakdown().label(), "yTitle", "Followers (accounts)",
                    "labels", shown.stream().map(Demographics.Group::label).toList(),
                    "series", List.of(Map.of("label", "Followers by " + part.breakdown().label().toLowerCase(Locale.ENGLISH),
                            "color", "#4f46e5", "values", shown.stream().map(Demographics.Group::followers).toList())))));
        }
        return charts;
    }

    /** Followers day by day. */
    String followers(List<AccountDay> days) {
        return json.writeValueAsString(Map.of("type", "line", "stacked", false,
                "xTitle", "Day (UTC)", "yTitle", "Followers (accounts)",
                "labels", days.stream().map(d -> DAY.format(d.day())).toList(),
                "series", List.of(Map.of("label", "Followers", "color", "#4f46e5",
                        "values", days.stream().map(AccountDay::followers).toList()))));
    }
}
