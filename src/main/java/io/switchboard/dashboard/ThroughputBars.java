package io.switchboard.dashboard;

import io.switchboard.tasks.ThroughputPoint;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Overview's throughput chart drawn by the server as SVG (stacked bars per minute in a 600 × 240 view box):
 * the chart library's 200 KB were fetched, compiled and run on every Overview load for one chart of 60 bars.
 *
 * @param columns one per minute, oldest first
 * @param ticks   the y axis's values with their height
 * @param labels  every fifteenth minute's time under the x axis
 * @param summary what the chart shows, in words, for assistive technology
 */
// public: templates read it
public record ThroughputBars(List<Column> columns, List<Tick> ticks, List<Label> labels, String summary) {
    static final int LEFT = 56;
    static final int RIGHT = 596;
    static final int TOP = 8;
    static final int BOTTOM = 212;

    /** One minute's stacked bars (zero-height ones left out) and its tooltip. */
    public record Column(String title, List<Bar> bars) {
    }

    public record Bar(String kind, String x, String y, String width, String height) {
    }

    public record Tick(String y, String text) {
    }

    public record Label(String x, String text) {
    }

    /** Where the plot area starts and ends across the view box. */
    public int left() {
        return LEFT;
    }

    public int right() {
        return RIGHT;
    }

    static ThroughputBars of(List<ThroughputPoint> points, DateTimeFormatter minute) {
        long most = points.stream().mapToLong(ThroughputPoint::total).max().orElse(0);
        long top = nice(most);
        double step = (double) (RIGHT - LEFT) / Math.max(1, points.size());
        double scale = (BOTTOM - TOP) / (double) top;
        List<Column> columns = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        long succeeded = 0;
        long failed = 0;
        long cancelled = 0;
        for (int i = 0; i < points.size(); i++) {
            ThroughputPoint p = points.get(i);
            String time = minute.format(p.minute().withOffsetSameInstant(ZoneOffset.UTC));
            double x = LEFT + i * step + step * 0.1;
            double base = BOTTOM;
            List<Bar> bars = new ArrayList<>(3);
            long[] values = {p.succeeded(), p.failed(), p.cancelled()};
            String[] kinds = {"succeeded", "failed", "cancelled"};
            for (int k = 0; k < 3; k++) {
                if (values[k] > 0) {
                    double height = values[k] * scale;
                    base -= height;
                    bars.add(new Bar(kinds[k], num(x), num(base), num(step * 0.8), num(height)));
                }
            }
            if (!bars.isEmpty()) {
                columns.add(new Column(time + ": " + p.succeeded() + " succeeded, " + p.failed() + " failed, "
                        + p.cancelled() + " cancelled", bars));
            }
            if (i % 15 == 0) {
                labels.add(new Label(num(LEFT + i * step + step / 2), time));
            }
            succeeded += p.succeeded();
            failed += p.failed();
            cancelled += p.cancelled();
        }
        List<Tick> ticks = List.of(new Tick(num(BOTTOM), "0"), new Tick(num(BOTTOM - (top / 2.0) * scale),
                top % 2 == 0 ? Long.toString(top / 2) : num(top / 2.0)), new Tick(num(TOP), Long.toString(top)));
        String summary = "Tasks finished per minute over the last hour: " + succeeded + " succeeded, " + failed
                + " failed, " + cancelled + " cancelled; at most " + most + " in a minute";
        return new ThroughputBars(columns, ticks, labels, summary);
    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code value} (and at least 1). */
    static long nice(long value) {
        long power = 1;
        while (true) {
            for (long m : new long[]{1, 2, 5}) {
                if (m * power >= value) {
                    return m * power;
                }
            }
            power *= 10;
        }
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
