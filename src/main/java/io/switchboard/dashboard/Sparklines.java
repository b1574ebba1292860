package io.switchboard.dashboard;

import io.switchboard.proxies.CheckOutcome;
import io.switchboard.proxies.ProxyCheck;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Latency sparklines drawn on the server as SVG path data (the page's CSP allows no inline script or style), as
 * {@code @sparklines}: successful runs form the line, failed runs are dots along the top.
 */
@Component("sparklines")
class Sparklines {
    private static final double PAD = 2;

    /** What a template draws: the path, the failure dots, and a text equivalent for screen readers. */
    public record Spark(int width, int height, String path, List<Dot> failures, String label) {
        public boolean empty() {
            return path.isEmpty() && failures.isEmpty();
        }
    }

    public record Dot(String x, String y) {
    }

    public Spark latency(@Nullable List<ProxyCheck> checks, int width, int height) {
        List<ProxyCheck> runs = checks == null ? List.of() : checks;
        int max = runs.stream().filter(c -> c.latencyMs() != null).mapToInt(ProxyCheck::latencyMs).max().orElse(0);
        int min = runs.stream().filter(c -> c.latencyMs() != null).mapToInt(ProxyCheck::latencyMs).min().orElse(0);
        double step = runs.size() > 1 ? (width - 2 * PAD) / (runs.size() - 1) : 0;
        StringBuilder path = new StringBuilder();
        List<Dot> failures = new ArrayList<>();
        boolean drawing = false;
        for (int i = 0; i < runs.size(); i++) {
            double x = PAD + i * step;
            Integer latency = runs.get(i).latencyMs();
            if (runs.get(i).outcome() != CheckOutcome.OK || latency == null) {
                failures.add(new Dot(number(x), number(PAD + 1)));
                drawing = false;
                continue;
            }
            double y = height - PAD - (max == 0 ? 0 : (double) latency / max * (height - 2 * PAD - 3));
            path.append(drawing ? " L" : (path.isEmpty() ? "M" : " M")).append(number(x)).append(' ').append(number(y));
            if (!drawing) {
                path.append(" h0"); // with round line caps, a run between failures still shows as a dot
            }
            drawing = true;
        }
        long failed = failures.size();
        String label = runs.isEmpty() ? "No diagnostics yet"
                : "Latency of the last " + runs.size() + " runs" + (max > 0 ? ": " + min + " to " + max + " ms" : "")
                + (failed > 0 ? ", " + failed + " failed" : "");
        return new Spark(width, height, path.toString(), failures, label);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
