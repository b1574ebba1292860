package io.switchboard.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where the browser's own time went in one page load: a Chromium trace of the load, its renderer main thread's
 * events by self time (parsing, style, layout, paint, script, ...), and the image decodes on any thread. For
 * {@code -Dbench.pages.trace=true}: the load measured this way is not one of the timed ones (tracing slows it).
 */
final class BrowserTrace {
    private static final List<String> CATEGORIES = List.of("devtools.timeline", "disabled-by-default-devtools.timeline",
            "blink", "loading", "v8.execute", "blink.user_timing", "toplevel");

    private BrowserTrace() {
    }

    /** An event's name, and for script the file and function it ran ("FunctionCall:htmx.min.js:processNode"). */
    private static String label(JsonNode event) {
        String name = event.path("name").asString();
        JsonNode data = event.path("args").path("data");
        String url = data.path("url").asString("");
        if (url.isEmpty()) {
            return name;
        }
        String file = url.substring(url.lastIndexOf('/') + 1).replaceAll("-[0-9a-f]{32}", "").replaceAll("\\?.*", "");
        String function = data.path("functionName").asString("");
        return name + ":" + file + (function.isEmpty() ? "" : ":" + function);
    }

    /** Runs {@code load} under a trace and says, in ms, what the renderer's main thread spent on it. */
    static String of(Page page, Runnable load) {
        Browser browser = page.context().browser();
        browser.startTracing(page, new Browser.StartTracingOptions().setCategories(CATEGORIES));
        load.run();
        JsonNode trace = JsonMapper.builder().build().readTree(browser.stopTracing());
        JsonNode events = trace.isArray() ? trace : trace.get("traceEvents");
        long mainTid = -1;
        long mainPid = -1;
        for (JsonNode e : events) {
            if ("thread_name".equals(e.path("name").asString()) && "CrRendererMain".equals(e.path("args").path("name").asString())
                    && mainTid < 0) {
                mainTid = e.path("tid").asLong();
                mainPid = e.path("pid").asLong();
            }
        }
        // only what happened between the navigation's start and its load event's end (the measured span), when the
        // trace marks them
        double from = Double.NEGATIVE_INFINITY;
        double to = Double.POSITIVE_INFINITY;
        String frame = "";
        for (JsonNode e : events) {
            JsonNode data = e.path("args").path("data");
            if ("navigationStart".equals(e.path("name").asString()) && data.path("isLoadingMainFrame").asBoolean(false)
                    && data.path("documentLoaderURL").asString("").startsWith("http") && e.path("ts").asDouble() > from) {
                from = e.path("ts").asDouble();
                frame = e.path("args").path("frame").asString("");
            }
        }
        for (JsonNode e : events) {
            if ("loadEventEnd".equals(e.path("name").asString()) && e.path("ts").asDouble() > from
                    && frame.equals(e.path("args").path("frame").asString(""))) {
                to = Math.min(to, e.path("ts").asDouble());
            }
        }
        List<JsonNode> main = new ArrayList<>();
        double decode = 0;
        Map<String, String> threadNames = new TreeMap<>();
        for (JsonNode e : events) {
            if ("thread_name".equals(e.path("name").asString())) {
                threadNames.put(e.path("pid").asLong() + "/" + e.path("tid").asLong(), e.path("args").path("name").asString());
            }
        }
        // the renderer's CPU beside its main thread's: each of its threads' top-level tasks' thread time
        Map<String, Double> rendererThreads = new TreeMap<>();
        Map<String, Double> threadEnds = new TreeMap<>();
        List<JsonNode> renderer = new ArrayList<>();
        for (JsonNode e : events) {
            if (!"X".equals(e.path("ph").asString()) || e.path("ts").asDouble() < from || e.path("ts").asDouble() > to) {
                continue;
            }
            if (e.path("pid").asLong() == mainPid) {
                renderer.add(e);
            }
            String name = e.path("name").asString();
            if (name.equals("Decode Image") || name.equals("ImageDecodeTask")) {
                decode += e.path("dur").asDouble() / 1000;
            }
            if (e.path("tid").asLong() == mainTid && e.path("pid").asLong() == mainPid) {
                main.add(e);
            }
        }
        renderer.sort(Comparator.comparingDouble((JsonNode e) -> e.path("ts").asDouble())
                .thenComparing(e -> -e.path("dur").asDouble()));
        for (JsonNode e : renderer) {
            String thread = e.path("pid").asLong() + "/" + e.path("tid").asLong();
            double ts = e.path("ts").asDouble();
            if (ts >= threadEnds.getOrDefault(thread, Double.NEGATIVE_INFINITY)) {
                threadEnds.put(thread, ts + e.path("dur").asDouble());
                rendererThreads.merge(threadNames.getOrDefault(thread, "?").replaceAll("[0-9]+$", ""),
                        e.path("tdur").asDouble() / 1000, Double::sum);
            }
        }
        main.sort(Comparator.comparingDouble((JsonNode e) -> e.path("ts").asDouble())
                .thenComparing(e -> -e.path("dur").asDouble()));
        Map<String, Double> self = new TreeMap<>();
        Deque<double[]> open = new ArrayDeque<>(); // [end, index]
        // thread time (tdur) beside wall time (dur): on a loaded machine the wall time of a task is mostly waiting for
        // a core, its thread time is what the page really cost
        Map<String, Double> selfCpu = new TreeMap<>();
        double[] selfOf = new double[main.size()];
        double[] selfCpuOf = new double[main.size()];
        for (int i = 0; i < main.size(); i++) {
            JsonNode e = main.get(i);
            double ts = e.path("ts").asDouble();
            double dur = e.path("dur").asDouble();
            double tdur = e.path("tdur").asDouble();
            while (!open.isEmpty() && open.peek()[0] <= ts) {
                open.pop();
            }
            selfOf[i] = dur;
            selfCpuOf[i] = tdur;
            if (!open.isEmpty()) {
                selfOf[(int) open.peek()[1]] -= dur;
                selfCpuOf[(int) open.peek()[1]] -= tdur;
            }
            open.push(new double[] {ts + dur, i});
        }
        for (int i = 0; i < main.size(); i++) {
            self.merge(label(main.get(i)), selfOf[i] / 1000, Double::sum);
            selfCpu.merge(label(main.get(i)), selfCpuOf[i] / 1000, Double::sum);
        }
        double total = self.values().stream().mapToDouble(Double::doubleValue).sum();
        double cpu = selfCpu.values().stream().mapToDouble(Double::doubleValue).sum();
        return String.format("traced_span_ms=%d main_thread_ms=%d main_thread_cpu_ms=%d cpu: %s image_decode_ms=%d "
                        + "renderer_threads_cpu: %s",
                Double.isInfinite(to - from) ? -1 : Math.round((to - from) / 1000), Math.round(total),
                Math.round(cpu), top(selfCpu), Math.round(decode), top(rendererThreads));
    }

    private static String top(Map<String, Double> self) {
        return self.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(14)
                .map(en -> en.getKey().replace(' ', '_') + "=" + Math.round(en.getValue()))
                .collect(Collectors.joining(" "));
    }
}
