package io.switchboard.dashboard;

import io.switchboard.tasks.ThroughputPoint;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Chart data as the page's chart script reads it from a canvas's data-chart attribute. */
@Component
class Charts {
    private final JsonMapper json;

    Charts(JsonMapper json) {
        this.json = json;
    }

    String throughput(List<ThroughputPoint> points, DateTimeFormatter labels) {
        return json.writeValueAsString(Map.of(
                "labels", points.stream().map(p -> labels.format(p.minute().withOffsetSameInstant(ZoneOffset.UTC))).toList(),
                "series", List.of(
                        Map.of("label", "Succeeded", "color", "#10b981",
                                "values", points.stream().map(ThroughputPoint::succeeded).toList()),
                        Map.of("label", "Failed", "color", "#ef4444",
                                "values", points.stream().map(ThroughputPoint::failed).toList()),
                        Map.of("label", "Cancelled", "color", "#9ca3af",
                                "values", points.stream().map(ThroughputPoint::cancelled).toList()))));
    }
}
