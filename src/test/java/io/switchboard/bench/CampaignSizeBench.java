package io.switchboard.bench;

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
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code ./mvnw -Pbench -Dbench=campaign-size verify}: one campaign of 2,000 sandbox accounts × 100 pictures, every
 * account every picture (200,000 posts), through every step an operator takes: the plan (the preview's service call),
 * the preview's pages in Chromium (the form posted with all 2,000 accounts and 100 media, then its "Next" pages), the
 * launch, the campaign's page in Chromium (first page, deep, filtered by status and by account) and its CSV export
 * read over HTTP as a stream, counting its rows.
 *
 * <p>Heap: the instance runs in this JVM (the browser is a process of its own); before each step the bench collects
 * garbage and resets the heap pools' peaks, and {@code heap_max_mb} is the largest sum of the pools' peak use over the
 * steps: what the step made the JVM hold at its fullest, garbage not yet collected included (so an upper bound of the
 * live set; {@code -Xmx} is printed beside it). {@code -Dbench.campaign-size.accounts} and {@code ...media} size it
 * ({@code accounts=200} for a tenth), {@code ...runs} times each page (default 10, after 2 warm-up loads). Each page's
 * line also gives {@code served_p50_ms}: request start to the response's last byte (the server's share; the rest of a
 * load is the browser's). {@code -Dbench.statements=true} prints PostgreSQL's own time per statement of the launch.
 */
@Tag("bench")
class CampaignSizeBench {
    private static final int ACCOUNTS = Integer.getInteger("bench.campaign-size.accounts", 2_000);
    private static final int MEDIA = Integer.getInteger("bench.campaign-size.media", 100);
    private static final int RUNS = Integer.getInteger("bench.campaign-size.runs", 10);
    private static final int WARM_UP = 2;
    private long heapMax;

    @Test
    void campaignSize() throws Exception {
        Bench.only("campaign-size");
        try (EmbeddedPostgres postgres = Bench.postgres(false);
             AppInstance app = AppInstance.start(Bench.database(postgres, "campaign_size"), List.of(),
                     "logging.level.io.switchboard=WARN", "switchboard.proxies.diagnostics-interval=24h",
                     // the accounts are copies the sandbox does not know: their insights collections (2,000 calls
                     // refused) would run inside this JVM during the launch and the pages it times
                     "switchboard.insights.sweep-interval=24h");
             Browser browser = new Browser()) {
            DSLContext db = app.bean(DSLContext.class);
            SignedIn.as("bench", "OPERATOR");
            List<Long> accounts;
            List<Long> media;
            try {
                long seedStarted = System.nanoTime();
                PublishingFixture fixture = new PublishingFixture(app);
                fixture.accounts(1, "bench");
                accounts = fixture.copiesOfFirstAccount(ACCOUNTS, "size");
                media = fixture.copiesOf(fixture.images(1).getFirst(), MEDIA);
                Bench.print(String.format("campaign-size-seed accounts=%d media=%d seconds=%d", accounts.size(),
                        media.size(), (System.nanoTime() - seedStarted) / 1_000_000_000));
            } finally {
                SignedIn.out();
            }
            CampaignSpec spec = spec(accounts, media);
            Campaigns campaigns = app.bean(Campaigns.class);
            SignedIn.as("bench", "OPERATOR");
            int posts;
            double planSeconds;
            double launchSeconds;
            long campaignId;
            try {
                long started = System.nanoTime();
                posts = measured(() -> campaigns.preview(spec, 50).postCount());
                planSeconds = (System.nanoTime() - started) / 1e9;
                Bench.statementsReset(db);
                started = System.nanoTime();
                campaignId = measured(() -> campaigns.launch(spec, "bench"));
                launchSeconds = (System.nanoTime() - started) / 1e9;
                Bench.statements(db, 12);
            } finally {
                SignedIn.out();
            }
            Bench.print(String.format(java.util.Locale.ROOT, "campaign-size-service posts=%d plan_s=%.1f launch_s=%.1f "
                    + "heap_max_mb=%d", posts, planSeconds, launchSeconds, heapMax >> 20));
            Page page = browser.newPage();
            // a plan of 200,000 posts on a loaded machine takes longer than Playwright's default 30 s
            page.setDefaultTimeout(Duration.ofMinutes(10).toMillis());
            page.setDefaultNavigationTimeout(Duration.ofMinutes(10).toMillis());
            page.setViewportSize(1440, 900);
            Browser.signIn(page, app, "admin", AppInstance.ADMIN_PASSWORD);
            long previewP95 = measured(() -> previewPages(page, app, accounts, media));
            int rows = db.fetchOne("SELECT count(*) FROM campaign_post WHERE campaign_id = " + campaignId)
                    .get(0, Integer.class);
            long pageP95 = measured(() -> campaignPages(page, app, campaignId, rows, accounts.get(accounts.size() / 2)));
            String cookies = page.context().cookies().stream().map(c -> c.name + "=" + c.value)
                    .collect(Collectors.joining("; "));
            long exportStarted = System.nanoTime();
            long exported = measured(() -> export(app, campaignId, cookies));
            double exportSeconds = (System.nanoTime() - exportStarted) / 1e9;
            if (exported != rows) {
                throw new AssertionError("the export has " + exported + " rows, the campaign " + rows + " posts");
            }
            Bench.print(String.format(java.util.Locale.ROOT, "campaign-size posts=%d plan_s=%.1f preview_page_p95_ms=%d "
                            + "launch_s=%.1f page_p95_ms=%d export_s=%.1f heap_max_mb=%d xmx_mb=%d", posts, planSeconds,
                    previewP95, launchSeconds, pageP95, exportSeconds, heapMax >> 20,
                    Runtime.getRuntime().maxMemory() >> 20));
        }
    }

    private static CampaignSpec spec(List<Long> accounts, List<Long> media) {
        // the platform's quota of 50 a day: 100 posts per account over two days, 10 minutes apart
        return new CampaignSpec("Two hundred thousand posts", accounts, null, media,
                new CaptionStrategy.Template("{media.title} for @{account.username} #{n}"), List.of(),
                new Assignment.EveryAccountEveryMedia(),
                new Schedule(Instant.now().plus(Duration.ofDays(1)), Duration.ofMinutes(10), null, null, 50),
                new PostOptions(PostType.IMAGE, false, null, 0));
    }

    /** Runs a step with the heap's peaks reset after a collection, keeping the largest peak seen. */
    private <T> T measured(Supplier<T> step) {
        System.gc();
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        T result = step.get();
        heapMax = Math.max(heapMax, pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum());
        return result;
    }

    /** The form posted with every account and medium, as a browser posts it, then the plan's pages one by one. */
    private static long previewPages(Page page, AppInstance app, List<Long> accounts, List<Long> media) {
        page.navigate(app.url("/campaigns/new"));
        List<Long> millis = new ArrayList<>();
        List<Long> served = new ArrayList<>();
        for (int run = 0; run < WARM_UP + RUNS; run++) {
            if (run == 0) {
                Bench.postCampaignForm(page, "Two hundred thousand posts", accounts, media, 50);
            } else {
                Object before = page.evaluate("() => performance.timeOrigin");
                // posted as a whole document, as the first page was (a click is taken by htmx's boost, which
                // swaps the page in place: no new document to time)
                page.evaluate("() => { const pager = document.getElementById('plan-pager');"
                        + " const next = document.getElementById('plan-next');"
                        + " const from = document.createElement('input'); from.type = 'hidden';"
                        + " from.name = 'postsFrom'; from.value = next.value; pager.appendChild(from);"
                        + " pager.submit(); }");
                // the next page's document, not the one the click was made on
                page.waitForFunction("before => performance.timeOrigin !== before", before);
            }
            page.waitForFunction("() => performance.getEntriesByType('navigation')[0].loadEventEnd > 0");
            if (page.locator("#plan").count() == 0) {
                throw new IllegalStateException("the preview did not show the plan: " + page.locator("main").innerText());
            }
            if (run >= WARM_UP) {
                millis.add(loadMillis(page));
                served.add(servedMillis(page));
            }
        }
        long[] sorted = Bench.sorted(millis);
        Bench.print(String.format("campaign-size-preview p50_ms=%d p95_ms=%d served_p50_ms=%d shown=%s",
                Bench.percentile(sorted, 50), Bench.percentile(sorted, 95),
                Bench.percentile(Bench.sorted(served), 50), page.locator("#plan-range").innerText()));
        return Bench.percentile(sorted, 95);
    }

    /** The campaign's page: first, deep, by status and by account; the worst p95 of them. */
    private static long campaignPages(Page page, AppInstance app, long campaignId, int posts, long account) {
        long worst = 0;
        for (String path : List.of("/campaigns/" + campaignId, "/campaigns/" + campaignId + "?after=" + posts * 3 / 4,
                "/campaigns/" + campaignId + "?status=SCHEDULED&after=" + posts / 2,
                "/campaigns/" + campaignId + "?account=" + account)) {
            List<Long> millis = new ArrayList<>();
            List<Long> served = new ArrayList<>();
            for (int run = 0; run < WARM_UP + RUNS; run++) {
                var response = page.navigate(app.url(path));
                if (response.status() != 200) {
                    throw new IllegalStateException(path + " answered " + response.status());
                }
                page.waitForFunction("() => performance.getEntriesByType('navigation')[0].loadEventEnd > 0");
                if (run >= WARM_UP) {
                    millis.add(loadMillis(page));
                    served.add(servedMillis(page));
                }
            }
            long[] sorted = Bench.sorted(millis);
            long p95 = Bench.percentile(sorted, 95);
            Bench.print(String.format("campaign-size-page path=%s p50_ms=%d p95_ms=%d served_p50_ms=%d",
                    path.replace(' ', '+'), Bench.percentile(sorted, 50), p95,
                    Bench.percentile(Bench.sorted(served), 50)));
            worst = Math.max(worst, p95);
        }
        return worst;
    }

    /** The CSV export read as it arrives (never whole in memory here); its data rows. */
    private static long export(AppInstance app, long campaignId, String cookies) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<java.io.InputStream> response = client.send(HttpRequest.newBuilder(
                            URI.create(app.url("/campaigns/" + campaignId + "/posts.csv"))).header("Cookie", cookies)
                    .timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the export answered " + response.statusCode());
            }
            long lines = 0;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                // a record per post: captions carry no line breaks here, so a line is a row
                while (reader.readLine() != null) {
                    lines++;
                }
            }
            return lines - 1;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** From the request's start to the response's last byte: the server's share of a load, the rest is the browser's. */
    private static long servedMillis(Page page) {
        return Math.round(((Number) page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0];"
                + " return n.responseEnd - n.requestStart; }")).doubleValue());
    }

    private static long loadMillis(Page page) {
        return Math.round(((Number) page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0];"
                + " return n.loadEventEnd - n.startTime; }")).doubleValue());
    }
}
