package io.switchboard.bench;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import io.switchboard.publishing.Assignment;
import io.switchboard.publishing.CampaignSpec;
import io.switchboard.publishing.Campaigns;
import io.switchboard.publishing.CaptionStrategy;
import io.switchboard.publishing.PostOptions;
import io.switchboard.publishing.PostType;
import io.switchboard.publishing.PublishingFixture;
import io.switchboard.publishing.Schedule;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Browser;
import io.switchboard.testing.PageTour.Stop;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import testsupport.FloorPages;
import testsupport.SignedIn;
import testsupport.TaskFixtures;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code ./mvnw -Pbench -Dbench=pages verify}: every page an operator uses, loaded in Chromium on a large
 * installation seeded with SQL (1,000,000 finished tasks, 10,000 accounts, 10,000 media items, 100 campaigns with
 * 200,000 posts, 500 proxies): each list with and without filters and deep in its pages, each detail page, the
 * largest campaign, and the preview of a 20,000-post plan. Per page: navigation start to the load event as the
 * browser's Navigation Timing measures it (3 warm-up loads, then {@code bench.pages.runs} timed), and axe-core's
 * serious and critical violations. {@code -Dbench.pages.scale=0.01} seeds a hundredth (for a quick try);
 * {@code -Dbench.pages.only=<regex>} measures only the pages so named; {@code -Dbench.sql-log-ms=20} logs every statement
 * slower than 20 ms with its plan to {@code bench.sql-log-dir} (default /tmp/bench-sql-log);
 * {@code -Dbench.pages.trace=true} loads each page once more under a Chromium trace and adds where the renderer's main
 * thread spent that load (by event, self time) to its line; {@code -Dbench.pages.dump=<dir>} writes each page's
 * document there as the browser holds it after the last load.
 * A page is one line in {@link #pages}.
 */
@Tag("bench")
class PagesBench {
    private static final double SCALE = Double.parseDouble(System.getProperty("bench.pages.scale", "1"));
    private static final int RUNS = Integer.getInteger("bench.pages.runs", 20);
    /** Loads of each page before the timed ones (default 3: a page measured alone then meets a JVM still compiling). */
    private static final int WARM_UP = Integer.getInteger("bench.pages.warmups", 3);
    private static final boolean TRACE = Boolean.getBoolean("bench.pages.trace");
    /** Loads of every selected page before any is timed, for the JIT ({@link #settle}). */
    private static final int SETTLE_LOADS = Integer.getInteger("bench.pages.settle-loads", 10);

    /** What the seed made that pages need by id. */
    private record Seeded(long account, long media, long largestCampaign, int largestPosts, long proxy, long task,
                          long middleTask, long middleMedia, String accountCursor, String proxyCursor,
                          List<Long> previewAccounts, List<Long> previewMedia) {
    }

    @Test
    void pages() throws Exception {
        Bench.only("pages");
        try (EmbeddedPostgres postgres = Bench.postgres(false);
             AppInstance app = AppInstance.start(Bench.database(postgres, "pages"), List.of(FloorPages.class),
                     "logging.level.io.switchboard=WARN", "switchboard.proxies.diagnostics-interval=24h",
                     "spring.datasource.hikari.maximum-pool-size=16");
             Browser browser = new Browser()) {
            long started = System.nanoTime();
            Seeded seeded = seed(app);
            Bench.print(String.format("pages-seed scale=%s seconds=%d", SCALE, (System.nanoTime() - started) / 1_000_000_000));
            Page page = browser.newPage();
            page.setViewportSize(1440, 900);
            Browser.signIn(page, app, "admin", AppInstance.ADMIN_PASSWORD);
            int measured = 0;
            long worst = -1;
            String worstPage = "";
            int violations = 0;
            String only = System.getProperty("bench.pages.only", ".*");
            List<Stop> stops = pages(seeded).stream().filter(stop -> stop.name().matches(only)).toList();
            settle(stops, page, app);
            for (Stop stop : stops) {
                long[] result = measure(stop, page, app, browser.name(), () -> connect(postgres));
                measured++;
                violations += (int) result[1];
                if (result[0] > worst) {
                    worst = result[0];
                    worstPage = stop.name();
                }
            }
            // the floors once more in the other headless Chromium installed here (the full browser in its new
            // headless mode, or the old headless shell), right after, so the two compare within one run
            String other = browser.name().equals("chromium-headless-shell") ? Browser.FULL : Browser.HEADLESS_SHELL;
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(other))
                    && stops.stream().anyMatch(stop -> stop.name().startsWith("floor-"))) {
                try (Browser second = new Browser(other)) {
                    Page otherPage = second.newPage();
                    otherPage.setViewportSize(1440, 900);
                    Browser.signIn(otherPage, app, "admin", AppInstance.ADMIN_PASSWORD);
                    for (Stop stop : stops.stream().filter(stop -> stop.name().startsWith("floor-")).toList()) {
                        measure(stop, otherPage, app, second.name(), () -> connect(postgres));
                    }
                }
            }
            // -Dbench.pages.floor-args=--switch-a,--switch-b: the floors once more in this browser with those switches
            String floorArgs = System.getProperty("bench.pages.floor-args", "");
            if (!floorArgs.isBlank() && stops.stream().anyMatch(stop -> stop.name().startsWith("floor-"))) {
                try (Browser third = new Browser(Browser.executableInUse(), List.of(floorArgs.split(",")))) {
                    Page thirdPage = third.newPage();
                    thirdPage.setViewportSize(1440, 900);
                    Browser.signIn(thirdPage, app, "admin", AppInstance.ADMIN_PASSWORD);
                    for (Stop stop : stops.stream().filter(stop -> stop.name().startsWith("floor-")).toList()) {
                        measure(stop, thirdPage, app, third.name(), () -> connect(postgres));
                    }
                }
            }
            Bench.print(String.format("pages-summary pages=%d worst_p95_ms=%d worst_page=%s axe_violations=%d browser=%s",
                    measured, worst, worstPage, violations, browser.name()));
        }
    }

    /**
     * A steady installation has served its pages before: its JIT has compiled them. A fresh JVM compiles during the
     * first pages timed, and the compiler threads' CPU then competed with every page for the 2 cores (72-188 ms of it
     * per load beside 20-59 ms of the requests' own, loaded). So every page selected is loaded {@link #SETTLE_LOADS}
     * times before any is timed (with 3, the compiler still took 158 ms of CPU per Overview load after it), then this waits until the compiler threads are idle (under 20 ms of CPU in a second,
     * at most 2 minutes). The per-page warm-ups stay. Prints {@code bench pages-settle warm_loads=… jit_cpu_ms=…
     * jit_settle_ms=…}: the compiler's CPU during the warm pass and the wait, and how long the wait took.
     */
    private static void settle(List<Stop> stops, Page page, AppInstance app) throws InterruptedException {
        long jitBefore = Background.jitCpuMillis();
        int loads = 0;
        for (int run = 0; run < SETTLE_LOADS; run++) {
            for (Stop stop : stops) {
                stop.open(page, app);
                loadMillis(page);
                loads++;
            }
        }
        long waitStart = System.nanoTime();
        long last = Background.jitCpuMillis();
        while (System.nanoTime() - waitStart < 120_000_000_000L) {
            Thread.sleep(1000);
            long now = Background.jitCpuMillis();
            if (now - last < 20) {
                break;
            }
            last = now;
        }
        Bench.print(String.format("pages-settle warm_loads=%d jit_cpu_ms=%d jit_settle_ms=%d", loads,
                Background.jitCpuMillis() - jitBefore, (System.nanoTime() - waitStart) / 1_000_000));
    }

    private static java.sql.Connection connect(EmbeddedPostgres postgres) {
        try {
            return postgres.getDatabase("postgres", "pages").getConnection();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One page's line: its p95 and its serious and critical axe violations. A {@code pages-background} line beside it
     * says what else ran during its timed loads ({@link Background}: PostgreSQL's processes by kind, autovacuum, the
     * statements running, GC, JIT) and this JVM's CPU by thread name, the application's and the benchmark's.
     */
    private static long[] measure(Stop stop, Page page, AppInstance app, String browser,
                                  java.util.function.Supplier<java.sql.Connection> connect) throws Exception {
        List<Long> millis = new ArrayList<>();
        List<double[]> phases = new ArrayList<>();
        List<Long> charts = new ArrayList<>();
        List<Long> paints = new ArrayList<>();
        ProcessCpu cpu = null;
        Background background = null;
        java.util.Map<String, Long> threads = null;
        for (int run = 0; run < WARM_UP + RUNS; run++) {
            if (run == WARM_UP) {
                cpu = ProcessCpu.now();
                threads = jvmThreadsCpu();
                background = Background.watch(connect);
            }
            stop.open(page, app);
            answered(page, stop);
            long loaded = loadMillis(page);
            // a page with charts draws them after its load event: waited for, so their cost stays in this load
            long drawn = chartsDrawnMillis(page);
            long painted = paintMillis(page);
            if (run >= WARM_UP) {
                millis.add(loaded);
                paints.add(painted);
                phases.add(phases(page));
                if (drawn >= 0) {
                    charts.add(drawn);
                }
            }
        }
        String cpuPerLoad = cpu == null ? "" : " " + cpu.perLoadSince(RUNS);
        String threadsPerLoad = threads == null ? "" : threadsPerLoad(threads, jvmThreadsCpu(), RUNS);
        if (background != null) {
            String seen = background.line();
            background.close();
            Bench.print(String.format("pages-background page=%s browser=%s %s jvm_threads_cpu_ms_per_load=%s",
                    stop.name(), browser, seen, threadsPerLoad));
        }
        int serious = 0;
        int critical = 0;
        for (Rule rule : new AxeBuilder(page).analyze().getViolations()) {
            if ("serious".equals(rule.getImpact())) {
                serious++;
            } else if ("critical".equals(rule.getImpact())) {
                critical++;
            }
        }
        long[] paintSorted = Bench.sorted(paints);
        String drawn = String.format(" p50_paint_ms=%d p95_paint_ms=%d", Bench.percentile(paintSorted, 50),
                Bench.percentile(paintSorted, 95));
        if (!charts.isEmpty()) {
            long[] chartSorted = Bench.sorted(charts);
            drawn += String.format(" p50_chart_drawn_ms=%d p95_chart_drawn_ms=%d", Bench.percentile(chartSorted, 50),
                    Bench.percentile(chartSorted, 95));
        }
        String where = where(page) + " " + medianPhases(phases) + drawn + cpuPerLoad;
        if (System.getProperty("bench.pages.dump") != null) {
            java.nio.file.Path dump = java.nio.file.Path.of(System.getProperty("bench.pages.dump"));
            java.nio.file.Files.createDirectories(dump);
            java.nio.file.Files.writeString(dump.resolve(stop.name() + ".html"), page.content());
        }
        String trace = TRACE ? " " + BrowserTrace.of(page, () -> {
            stop.open(page, app);
            loadMillis(page);
        }) : "";
        long[] sorted = Bench.sorted(millis);
        long p95 = Bench.percentile(sorted, 95);
        Bench.print(String.format("pages page=%s browser=%s p50_ms=%d p95_ms=%d axe_serious=%d axe_critical=%d %s",
                stop.name(), browser, Bench.percentile(sorted, 50), p95, serious, critical, where + trace));
        return new long[] {p95, serious + critical};
    }

    /** Every page an operator uses, one line each. */
    private static List<Stop> pages(Seeded s) {
        List<Stop> pages = new ArrayList<>();
        pages.add(new Stop("overview", "/"));
        pages.add(new Stop("tasks", "/tasks"));
        pages.add(new Stop("tasks-filtered", "/tasks?state=failed&kind=publishing.post"));
        pages.add(new Stop("tasks-error-search", "/tasks?error=timed%20out"));
        pages.add(new Stop("tasks-deep", "/tasks?before=" + s.middleTask()));
        pages.add(new Stop("task", "/tasks/" + s.task()));
        pages.add(new Stop("queues", "/queues"));
        pages.add(new Stop("instances", "/instances"));
        pages.add(new Stop("accounts", "/accounts"));
        pages.add(new Stop("accounts-filtered", "/accounts?status=needs_reconnect&tag=bench-3"));
        pages.add(new Stop("accounts-search", "/accounts?q=user_05"));
        pages.add(new Stop("accounts-deep", "/accounts?after=" + s.accountCursor()));
        pages.add(new Stop("account", "/accounts/" + s.account()));
        pages.add(new Stop("accounts-connect", "/accounts/connect"));
        pages.add(new Stop("accounts-import", "/accounts/import"));
        pages.add(new Stop("media", "/media"));
        pages.add(new Stop("media-filtered", "/media?status=READY&type=IMAGE&tag=tag-7"));
        pages.add(new Stop("media-deep", "/media?before=" + s.middleMedia()));
        pages.add(new Stop("media-item", "/media/" + s.media()));
        pages.add(new Stop("campaigns", "/campaigns"));
        pages.add(new Stop("campaigns-deep", "/campaigns?before=" + (s.largestCampaign() + 60)));
        pages.add(new Stop("campaign-largest", "/campaigns/" + s.largestCampaign()));
        pages.add(new Stop("campaign-largest-failed", "/campaigns/" + s.largestCampaign() + "?status=FAILED"));
        pages.add(new Stop("campaign-largest-deep", "/campaigns/" + s.largestCampaign() + "?after=" + s.largestPosts() * 3 / 4));
        pages.add(new Stop("campaign-largest-results", "/campaigns/" + s.largestCampaign() + "/results"));
        pages.add(new Stop("account-insights", "/accounts/" + s.account() + "/insights"));
        pages.add(new Stop("reports", "/reports"));
        pages.add(new Stop("campaign-new", "/campaigns/new"));
        pages.add(new Stop("campaign-preview-" + s.previewAccounts().size() * s.previewMedia().size(), "/campaigns/new",
                page -> submitPreview(page, s), "#plan"));
        // the same plan from a form posted for the first time (a new name each load): planned and kept every load, as
        // the line above is only on its first load (a form posted again reads its kept plan while it holds)
        pages.add(new Stop("campaign-preview-" + s.previewAccounts().size() * s.previewMedia().size() + "-first",
                "/campaigns/new", page -> Bench.postCampaignForm(page, "Twenty thousand posts, form "
                + FIRST_FORMS.incrementAndGet(), s.previewAccounts(), s.previewMedia(), 100), "#plan"));
        pages.add(new Stop("calendar-busiest-month", "/calendar?view=month&date=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1)));
        pages.add(new Stop("calendar-week-one-tag", "/calendar?view=week&tag=bench-3&date=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1)));
        pages.add(new Stop("proxies", "/proxies"));
        pages.add(new Stop("proxies-filtered", "/proxies?status=down&region=eu-west"));
        pages.add(new Stop("proxies-deep", "/proxies?after=" + s.proxyCursor()));
        pages.add(new Stop("proxy", "/proxies/" + s.proxy()));
        pages.add(new Stop("proxies-import", "/proxies/import"));
        pages.add(new Stop("operators", "/operators"));
        pages.add(new Stop("me", "/account"));
        pages.add(new Stop("sandbox", "/sandbox"));
        // the floor, measured warm: what one navigation costs in this Chromium on this machine whatever the page
        pages.add(new Stop("floor-layout", FloorPages.LAYOUT));
        pages.add(new Stop("floor-static", FloorPages.EMPTY));
        return pages;
    }

    /** Numbers the forms of the first-preview stop: each one is new to the planner. */
    private static final java.util.concurrent.atomic.AtomicInteger FIRST_FORMS = new java.util.concurrent.atomic.AtomicInteger();

    /** The campaign form posted as a browser would (a real navigation, not an htmx swap). */
    private static void submitPreview(Page page, Seeded s) {
        Bench.postCampaignForm(page, "Twenty thousand posts", s.previewAccounts(), s.previewMedia(), 100);
    }

    /**
     * Where the last load's time went, as the browser saw it: the server's answer (request to first byte), the page's
     * bytes arriving, the document parsed with its deferred scripts, and what the load event waited for after that;
     * the page's size on the wire and unpacked, and how many other resources it fetched.
     */
    private static String where(Page page) {
        return String.valueOf(page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0];"
                + " const r = performance.getEntriesByType('resource');"
                + " return 'before_ms=' + Math.round(n.requestStart - n.startTime)"
                + " + ' unload_ms=' + Math.round(n.unloadEventEnd - n.unloadEventStart)"
                + " + ' server_ms=' + Math.round(n.responseStart - n.requestStart)"
                + " + ' body_ms=' + Math.round(n.responseEnd - n.responseStart)"
                + " + ' parse_ms=' + Math.round(n.domContentLoadedEventEnd - n.responseEnd)"
                + " + ' after_dom_ms=' + Math.round(n.loadEventEnd - n.domContentLoadedEventEnd)"
                + " + ' html_kb=' + Math.round(n.transferSize / 1024) + '/' + Math.round(n.decodedBodySize / 1024)"
                + " + ' resources=' + r.length + ' fetched=' + r.filter(e => e.transferSize > 0).length; }"));
    }

    /** This JVM's threads' CPU time (ms) by name, digits dropped (a pool's threads together), from /proc/self/task. */
    private static java.util.Map<String, Long> jvmThreadsCpu() {
        java.util.Map<String, Long> byName = new java.util.HashMap<>();
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) tasks::iterator) {
                try {
                    String name = java.nio.file.Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#");
                    String stat = java.nio.file.Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byName.merge(name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10, Long::sum);
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended
                }
            }
        } catch (java.io.IOException e) {
            // not Linux
        }
        return byName;
    }

    /** The 8 thread names that used most CPU between two readings, per load: {@code name:ms,...}. */
    private static String threadsPerLoad(java.util.Map<String, Long> before, java.util.Map<String, Long> after, int loads) {
        return after.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .map(e -> e.getKey().replace(' ', '_') + ":" + Math.round((double) e.getValue() / loads))
                .collect(java.util.stream.Collectors.joining(","));
    }

    private static final String[] PHASES = {"before", "server", "body", "to_interactive", "deferred_and_dcl",
            "to_load", "load_handlers"};

    /**
     * One load's time split at the browser's Navigation Timing marks: navigation start to the request, the server's
     * first byte, the rest of the body, the document parsed (blocking stylesheets and scripts included), deferred
     * scripts and DOMContentLoaded handlers, what the load event then waited for (images, late resources), and its
     * handlers.
     */
    private static double[] phases(Page page) {
        @SuppressWarnings("unchecked")
        List<Number> values = (List<Number>) page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0];"
                + " return [n.requestStart - n.startTime, n.responseStart - n.requestStart, n.responseEnd - n.responseStart,"
                + " n.domInteractive - n.responseEnd, n.domContentLoadedEventEnd - n.domInteractive,"
                + " n.loadEventStart - n.domContentLoadedEventEnd, n.loadEventEnd - n.loadEventStart]; }");
        return values.stream().mapToDouble(Number::doubleValue).toArray();
    }

    /** Each phase's median over the timed loads ({@code p50_<phase>_ms=}), so a slow phase shows apart from noise. */
    private static String medianPhases(List<double[]> phases) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < PHASES.length; i++) {
            int at = i;
            long[] sorted = Bench.sorted(phases.stream().map(p -> Math.round(p[at])).toList());
            line.append(i == 0 ? "" : " ").append("p50_").append(PHASES[i]).append("_ms=").append(Bench.percentile(sorted, 50));
        }
        return line.toString();
    }

    /** An error page loads fast and passes axe: a page that did not answer 200 stops the benchmark. */
    private static void answered(Page page, Stop stop) {
        long status = ((Number) page.evaluate(
                "() => performance.getEntriesByType('navigation')[0].responseStatus || 200")).longValue();
        if (status != 200) {
            throw new IllegalStateException("page " + stop.name() + " answered " + status + ": not measured");
        }
    }

    /** Navigation start to the end of the load event, as the browser measured the current document. */
    private static long loadMillis(Page page) {
        page.waitForFunction("() => performance.getEntriesByType('navigation')[0].loadEventEnd > 0");
        return Math.round(((Number) page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0];"
                + " return n.loadEventEnd - n.startTime; }")).doubleValue());
    }

    /**
     * Navigation start to the last chart drawn ({@code sb:charts-drawn}, marked by switchboard.js after the load
     * event), waited for; -1 for a page without a chart.
     */
    private static long chartsDrawnMillis(Page page) {
        if (page.locator("canvas[data-chart]").count() == 0) {
            return -1;
        }
        page.waitForFunction("() => performance.getEntriesByName('sb:charts-drawn').length > 0");
        return Math.round(((Number) page.evaluate(
                "() => performance.getEntriesByName('sb:charts-drawn')[0].startTime")).doubleValue());
    }

    /**
     * Navigation start to the first paint with content (Paint Timing's first-contentful-paint), waited for: work the
     * page leaves past its load event (layout, paint) shows here and stays in this load's CPU.
     */
    private static long paintMillis(Page page) {
        page.waitForFunction("() => performance.getEntriesByName('first-contentful-paint').length > 0");
        return Math.round(((Number) page.evaluate(
                "() => performance.getEntriesByName('first-contentful-paint')[0].startTime")).doubleValue());
    }

    private static int scaled(int full, int least) {
        return Math.max(least, (int) Math.round(full * SCALE));
    }

    /** A real sandbox account, picture and campaign made through the services, then copied in bulk with SQL. */
    private static Seeded seed(AppInstance app) {
        int accounts = scaled(10_000, 300);
        int media = scaled(10_000, 120);
        int campaigns = 100;
        int posts = scaled(200_000, 2_000);
        int proxies = scaled(500, 20);
        DSLContext db = app.bean(DSLContext.class);
        SignedIn.as("bench-setup", "ADMIN");
        try {
            PublishingFixture fixture = new PublishingFixture(app);
            var account = fixture.accounts(1, "bench").getFirst();
            long picture = fixture.images(1).getFirst();
            app.bean(Campaigns.class).launch(new CampaignSpec("Launch week", List.of(account.id()), null,
                    List.of(picture), new CaptionStrategy.OwnCaption(), List.of(), new Assignment.EveryAccountEveryMedia(),
                    new Schedule(Instant.now().plus(Duration.ofDays(300)), Duration.ZERO, null, null, 10),
                    new PostOptions(PostType.IMAGE, false, null, 0)), "bench-setup");
        } finally {
            SignedIn.out();
        }
        TaskFixtures.fill(db, scaled(1_000_000, 10_000), 0);
        seedAccounts(db, accounts);
        seedMedia(db, media);
        long largest = seedCampaigns(db, campaigns, posts, accounts, media);
        seedProxies(db, proxies);
        InsightsSeed.fromPublishedPosts(db, 30);
        // as InsightsBench does: a freshly seeded table has no visibility map (no index-only scan) and autovacuum
        // would run during the timings
        InsightsSeed.settle(db);
        long maxTask = number(db, "SELECT max(id) FROM task");
        long failedTask = number(db, "SELECT max(id) FROM task WHERE state = 'failed'");
        long maxMedia = number(db, "SELECT max(id) FROM media_item");
        Record middleAccount = db.fetchOne("SELECT id, lower(username) AS u FROM account ORDER BY lower(username), id "
                + "OFFSET " + accounts / 2 + " LIMIT 1");
        String middleProxy = text(db, "SELECT lower(label) FROM proxy ORDER BY lower(label) OFFSET "
                + proxies / 2 + " LIMIT 1");
        int largestPosts = (int) number(db, "SELECT count(*) FROM campaign_post WHERE campaign_id = " + largest);
        int previewAccounts = Math.min(200, accounts / 2);
        int previewMedia = Math.min(100, media / 2);
        List<Long> chosenAccounts = db.fetch("SELECT id FROM account WHERE status = 'ACTIVE' ORDER BY id LIMIT "
                + previewAccounts).getValues(0, Long.class);
        List<Long> chosenMedia = db.fetch("SELECT id FROM media_item WHERE status = 'READY' AND type = 'IMAGE' "
                + "ORDER BY id LIMIT " + previewMedia).getValues(0, Long.class);
        return new Seeded(accounts / 3, maxMedia - 5, largest, largestPosts,
                number(db, "SELECT min(id) FROM proxy WHERE status = 'DOWN'"), failedTask, maxTask / 2,
                maxMedia / 2, middleAccount.get("id", Long.class) + ":" + base64(middleAccount.get("u", String.class)),
                base64(middleProxy), chosenAccounts, chosenMedia);
    }

    private static void seedAccounts(DSLContext db, int count) {
        db.execute("INSERT INTO account (platform, platform_user_id, username, name, status, status_reason, token_ciphertext, "
                + "token_key_id, token_expires_at, connected_via, time_zone, followers_count, follows_count, media_count, "
                + "health_ok, health_message, health_at, created_at) "
                + "SELECT 'INSTAGRAM', 'bench-' || n, 'user_' || lpad(n::text, 5, '0'), 'Bench Studio ' || n, "
                + "CASE WHEN n % 50 = 0 THEN 'NEEDS_RECONNECT' WHEN n % 97 = 0 THEN 'DISABLED' ELSE 'ACTIVE' END, "
                + "CASE WHEN n % 50 = 0 THEN 'The platform refused the token (190): reconnect the account.' ELSE '' END, "
                + "a.token_ciphertext, a.token_key_id, now() + interval '50 days', 'SANDBOX', "
                + "(ARRAY['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo'])[1 + n % 4], n % 30000, n % 900, n % 400, "
                + "n % 50 <> 0, 'The token is valid.', now() - make_interval(mins => n % 1440), now() - make_interval(mins => n) "
                + "FROM generate_series(1, " + count + ") n, (SELECT token_ciphertext, token_key_id FROM account "
                + "ORDER BY id LIMIT 1) a");
        db.execute("INSERT INTO account_tag (account_id, tag) SELECT id, 'bench-' || (id % 20) FROM account "
                + "ON CONFLICT DO NOTHING");
    }

    private static void seedMedia(DSLContext db, int count) {
        db.execute("INSERT INTO media_item (type, status, title, original_name, content_type, size_bytes, content_hash, "
                + "original_key, default_caption, cover_offset_ms, rejection, facts, report, uploaded_by, created_at) "
                + "SELECT m.type, CASE WHEN n % 10 = 0 THEN 'REJECTED' ELSE 'READY' END, 'Clip ' || n, 'clip-' || n || '.jpg', "
                + "m.content_type, m.size_bytes, md5(n::text) || md5('bench' || n), m.original_key, 'Caption of clip ' || n, "
                + "m.cover_offset_ms, CASE WHEN n % 10 = 0 THEN 'Too small: 200 px wide, the feed needs 320 px at least.' END, "
                + "m.facts, m.report, 'bench', now() - make_interval(secs => n) "
                + "FROM generate_series(1, " + count + ") n, (SELECT * FROM media_item ORDER BY id LIMIT 1) m");
        db.execute("INSERT INTO media_rendition (media_id, kind, storage_key, content_type, size_bytes, width, height, "
                + "duration_ms, facts, report) SELECT i.id, r.kind, r.storage_key, r.content_type, r.size_bytes, r.width, "
                + "r.height, r.duration_ms, r.facts, r.report FROM media_item i, media_rendition r "
                + "WHERE r.media_id = (SELECT min(id) FROM media_item) AND i.id <> r.media_id AND i.status = 'READY'");
        db.execute("INSERT INTO media_tag (media_id, tag) SELECT id, 'tag-' || (id % 30) FROM media_item "
                + "ON CONFLICT DO NOTHING");
    }

    /**
     * Campaigns copying the real one's spec; the first copy is the largest (a tenth of the posts). A tenth of the posts
     * is held, as a steady installation holds them: for their account, which needs reconnecting (they wait for the
     * reconnect). They were held for a down route on accounts whose route was not down: five minutes after the seed
     * the route check let all 20,000 go at once, and their publishing (tasks, sandbox calls, tally folds) ran beside
     * the pages timed then.
     */
    private static long seedCampaigns(DSLContext db, int campaigns, int posts, int accounts, int media) {
        long first = number(db, "SELECT max(id) FROM campaign");
        db.execute("INSERT INTO campaign (name, status, spec, post_type, created_by, created_at, first_at, last_at) "
                + "SELECT 'Campaign ' || n || ' · spring collection', CASE WHEN n % 3 = 0 THEN 'finished' ELSE 'running' END, "
                + "c.spec, c.post_type, 'bench', now() - make_interval(days => n), now() - interval '2 days', "
                + "now() + interval '30 days' FROM generate_series(1, " + (campaigns - 1) + ") n, "
                + "(SELECT * FROM campaign ORDER BY id LIMIT 1) c");
        long largest = first + 1;
        int big = posts / 10;
        int each = (posts - big) / (campaigns - 1);
        db.execute("INSERT INTO campaign_post (campaign_id, number, account_id, media_ids, caption, scheduled_at, status, "
                + "status_reason, held_for, platform_media_id, permalink, published_at) "
                + "SELECT c.id, n, CASE WHEN n % 10 = 9 THEN r.ids[1 + (n + c.id) % array_length(r.ids, 1)] "
                + "ELSE 2 + (n * 7 + c.id) % " + accounts + " END, ARRAY[2 + (n + c.id) % " + media + "]::bigint[], "
                + "'Caption ' || n || ' #spring', now() - interval '1 day' + make_interval(mins => n), "
                + "(ARRAY['published', 'published', 'published', 'published', 'published', 'published', 'published', "
                + "'scheduled', 'failed', 'paused'])[1 + n % 10], "
                + "CASE n % 10 WHEN 8 THEN 'The platform could not fetch the media (9004/2207052): check the signed URL.' "
                + "WHEN 9 THEN 'The platform refused the token (190): reconnect the account.' END, "
                + "CASE WHEN n % 10 = 9 THEN 'account' END, "
                + "CASE WHEN n % 10 < 7 THEN '1789' || n END, "
                + "CASE WHEN n % 10 < 7 THEN 'https://www.instagram.com/p/bench' || c.id || '_' || n END, "
                + "CASE WHEN n % 10 < 7 THEN now() - interval '1 day' + make_interval(mins => n) END "
                + "FROM (SELECT array_agg(id ORDER BY id) AS ids FROM account WHERE status = 'NEEDS_RECONNECT') r, "
                + "campaign c, generate_series(1, CASE WHEN c.id = " + largest + " THEN " + big + " ELSE " + each
                + " END) n WHERE c.id > " + first);
        return largest;
    }

    private static void seedProxies(DSLContext db, int count) {
        db.execute("INSERT INTO proxy (label, scheme, host, port, region, status, status_reason, checked_at, latency_ms, "
                + "exit_ip) SELECT 'proxy-' || lpad(n::text, 4, '0'), 'HTTP', 'proxy' || n || '.example.net', 3128, "
                + "(ARRAY['eu-west', 'us-east', 'ap-south'])[1 + n % 3], "
                + "CASE WHEN n % 10 = 0 THEN 'DOWN' WHEN n % 7 = 0 THEN 'DEGRADED' ELSE 'HEALTHY' END, "
                + "CASE WHEN n % 10 = 0 THEN 'The proxy refused the connection.' ELSE '' END, now(), 80 + n % 200, "
                + "'203.0.113.' || (n % 250) FROM generate_series(1, " + count + ") n");
        db.execute("INSERT INTO proxy_tag (proxy_id, tag) SELECT id, 'pool-' || (id % 5) FROM proxy");
        db.execute("INSERT INTO proxy_check (proxy_id, checked_at, outcome, status, connect_ms, latency_ms, exit_ip, message) "
                + "SELECT p.id, now() - make_interval(mins => 5 * k), CASE WHEN (k + p.id) % 11 = 0 THEN 'CONNECT_FAILED' "
                + "ELSE 'OK' END, CASE WHEN (k + p.id) % 11 = 0 THEN 'DOWN' ELSE 'HEALTHY' END, 20, 80 + (k * 13 + p.id) % 150, "
                + "'203.0.113.7', 'checked' FROM proxy p, generate_series(1, 48) k");
        db.execute("INSERT INTO proxy_assignment (account_id, proxy_id, assigned_by) "
                + "SELECT a.id, (SELECT min(id) FROM proxy) + a.id % " + count + ", 'bench' FROM account a WHERE a.id % 3 = 0");
    }

    private static long number(DSLContext db, String sql) {
        return ((Number) db.fetchValue(sql)).longValue();
    }

    private static String text(DSLContext db, String sql) {
        return String.valueOf(db.fetchValue(sql));
    }

    private static String base64(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
