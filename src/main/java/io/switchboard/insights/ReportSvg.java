package io.switchboard.insights;

import java.util.List;
import java.util.Locale;

/**
 * Charts as SVG for the PDF (no script runs there): a bar chart with its axis title, value ticks and labels, so the
 * printed report carries the same charts the pages draw.
 */
final class ReportSvg {
    static final String BAR_COLOR = "#4f46e5";
    private static final int WIDTH = 680;
    private static final int HEIGHT = 240;
    private static final int LEFT = 70;
    private static final int BOTTOM = 40;
    private static final int TOP = 24;

    private ReportSvg() {
    }

    record Bar(String label, long value) {
    }

    static String bars(String title, String unit, List<Bar> bars) {
        long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(1));
        int plotWidth = WIDTH - LEFT - 10;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\">");
        svg.append(text(LEFT, 14, title + " (" + unit + ")", 12, "start", "#111827"));
        for (int i = 0; i <= 4; i++) {
            int y = TOP + plotHeight - plotHeight * i / 4;
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - 10).append("\" y1=\"").append(y)
                    .append("\" y2=\"").append(y).append("\" stroke=\"#e5e7eb\" stroke-width=\"1\"/>");
            svg.append(text(LEFT - 6, y + 4, brief(max * i / 4), 10, "end", "#4b5563"));
        }
        if (!bars.isEmpty()) {
            double step = (double) plotWidth / bars.size();
            int every = Math.max(1, bars.size() / 10);
            for (int i = 0; i < bars.size(); i++) {
                Bar bar = bars.get(i);
                int h = (int) Math.round((double) plotHeight * bar.value() / max);
                double x = LEFT + i * step + step * 0.15;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
                        x, TOP + plotHeight - h, step * 0.7, Math.max(h, 0), BAR_COLOR));
                if (i % every == 0) {
                    svg.append(text((int) Math.round(x + step * 0.35), HEIGHT - BOTTOM + 16, bar.label(), 10, "middle",
                            "#4b5563"));
                }
            }
        }
        return svg.append("</svg>").toString();
    }

    private static String text(int x, int y, String text, int size, String anchor, String color) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"" + size + "\" font-family=\"sans-serif\" "
                + "text-anchor=\"" + anchor + "\" fill=\"" + color + "\">" + escape(text) + "</text>";
    }

    static String brief(long value) {
        if (value < 1000) {
            return String.valueOf(value);
        }
        return value < 1_000_000 ? String.format(Locale.ROOT, "%.1fk", value / 1000.0)
                : String.format(Locale.ROOT, "%.1fM", value / 1_000_000.0);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
