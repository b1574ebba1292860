package io.switchboard.insights;

import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import io.switchboard.infrastructure.Csv;
import io.switchboard.publishing.CampaignStatus;
import io.switchboard.publishing.Campaigns;
import io.switchboard.publishing.PublishingFixture;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Axe;
import io.switchboard.testing.Browser;
import io.switchboard.testing.Operators;
import io.switchboard.testing.TestPostgres;
import io.switchboard.testing.WebSession;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.TaskWaits.eventually;

/**
 * The insights pages over real HTTP and in a real browser, on a published campaign whose insights are seeded for two
 * weeks: totals, charts with their numbers as tables without script, comparisons, the best-hours heat map and its
 * suggestion, reports and their CSV, XLSX and PDF (rendered to an image: the charts are drawn and the numbers are
 * there), and a scheduled report kept for download. Screenshots at 1440 and 390 px, axe without serious violations.
 */
class InsightsPagesBrowserTest {
    private static final String TAG = "clienta";
    private static AppInstance app;
    private static Browser browser;
    private static DSLContext db;
    private static long campaignId;
    private static List<PublishingFixture.Connected> accounts;
    private static WebSession web;

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase(), "switchboard.insights.sweep-interval=1h");
        db = app.bean(DSLContext.class);
        SignedIn.as("insights-pages", "OPERATOR");
        var fixture = new PublishingFixture(app);
        accounts = fixture.accounts(3, TAG);
        Campaigns campaigns = app.bean(Campaigns.class);
        campaignId = campaigns.launch(PublishingFixture.imageCampaign("Winter launch", accounts, fixture.images(1)),
                "insights-pages");
        eventually(Duration.ofSeconds(120), () -> assertThat(campaigns.find(campaignId).orElseThrow().status())
                .isEqualTo(CampaignStatus.FINISHED));
        seed();
        // the campaign's own posts (with their media) are its weakest: the seeded ones have no media behind them
        db.execute("UPDATE insight_post SET collections = 3, collected_at = now(), views = 200, reach = 100, likes = 4, "
                + "interactions = 4 WHERE campaign_id = {0} AND post_id < 9000000", campaignId);
        browser = new Browser();
        web = Operators.admin(app);
    }

    @AfterAll
    static void stop() {
        SignedIn.out();
        if (browser != null) {
            browser.close();
        }
        app.close();
    }

    /**
     * Two weeks of posts for the campaign's accounts: two caption variants, posts at 09:00 and at 18:00 UTC, the
     * Tuesday 18:00 posts of the first account reaching far more; followers for 30 days.
     */
    private static void seed() {
        OffsetDateTime monday = LocalDate.now(ZoneOffset.UTC).minusDays(14)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay().atOffset(ZoneOffset.UTC);
        long postId = 9_000_000;
        for (var account : accounts) {
            for (int day = 0; day < 14; day++) {
                for (int hour : new int[]{9, 18}) {
                    OffsetDateTime at = monday.plusDays(day).plusHours(hour);
                    boolean best = account == accounts.getFirst() && at.getDayOfWeek() == DayOfWeek.TUESDAY && hour == 18;
                    long reach = best ? 50_000 : 1_000 + day * 10L + hour;
                    String caption = (day % 2 == 0 ? "Variant A: " : "Variant B: ") + "winter sale";
                    db.execute("INSERT INTO insight_post (post_id, account_id, campaign_id, platform, media_id, post_type, "
                                    + "caption, permalink, published_at, next_at, collections, collected_at, views, reach, likes, "
                                    + "comments, shares, saved, interactions) VALUES ({0}, {1}, {2}, 'INSTAGRAM', {3}, 'IMAGE', {4}, "
                                    + "{5}, {6}, NULL, 3, now(), {7}, {8}, {9}, {10}, {11}, {12}, {13})",
                            postId, account.id(), campaignId, "m" + postId, caption, "https://example.test/p/" + postId,
                            at, reach * 2, reach, reach / 25, reach / 200, reach / 100, reach / 100, reach / 25 + reach / 50);
                    postId++;
                }
            }
            db.execute("INSERT INTO insight_account (account_id, platform, next_at) VALUES ({0}, 'INSTAGRAM', now() + "
                    + "interval '1 day') ON CONFLICT DO NOTHING", account.id());
            long weight = accounts.indexOf(account) + 1;
            for (String[] group : new String[][]{{"age", "18-24", "900"}, {"age", "25-34", "1500"}, {"age", "35-44", "600"},
                    {"gender", "F", "1800"}, {"gender", "M", "1150"}, {"gender", "U", "50"},
                    {"country", "US", "1200"}, {"country", "BR", "700"}, {"country", "DE", "300"},
                    {"city", "London, England", "400"}, {"city", "São Paulo, São Paulo", "350"}}) {
                db.execute("INSERT INTO insight_account_demographic (account_id, breakdown, label, followers) "
                        + "VALUES ({0}, {1}, {2}, {3})", account.id(), group[0], group[1], Long.parseLong(group[2]) * weight);
            }
            db.execute("UPDATE insight_account SET demographics_at = now() WHERE account_id = {0}", account.id());
            for (int day = 29; day >= 0; day--) {
                db.execute("INSERT INTO insight_account_day (account_id, day, followers, reach, views, profile_views, "
                                + "engaged, collected_at) VALUES ({0}, {1}, {2}, 4000, 7000, 120, 300, now()) ON CONFLICT DO NOTHING",
                        account.id(), LocalDate.now(ZoneOffset.UTC).minusDays(day), 5_000 + (29 - day) * 15L);
            }
        }
    }

    @Test
    void listed_posts_show_their_media_thumbnail_and_say_when_there_is_none() {
        String html = web.get(app.url("/campaigns/" + campaignId + "/results")).body();
        String weakest = html.substring(html.indexOf("id=\"worst-posts\""));
        weakest = weakest.substring(0, weakest.indexOf("</table>"));
        assertThat(weakest).as("the campaign's own posts, with the thumbnail the media library prepared")
                .containsPattern("<img class=\"post-thumb\" src=\"/media/files/[^\"]+\" alt=\"Thumbnail: [^\"]+\"\\s+"
                        + "loading=\"lazy\" decoding=\"async\" width=\"48\" height=\"48\">");
        String best = html.substring(html.indexOf("id=\"best-posts\""));
        best = best.substring(0, best.indexOf("</table>"));
        assertThat(best).as("posts whose media is gone say so").contains("aria-label=\"No thumbnail: the post's media "
                + "is no longer in the library\"").doesNotContain("<img");
        assertThat(web.get(app.url("/accounts/" + accounts.getFirst().id() + "/insights")).body())
                .contains("class=\"post-thumb\" src=\"/media/files/");

        Page page = browser.newPage();
        try {
            Browser.signIn(page, app, "admin", AppInstance.ADMIN_PASSWORD);
            page.navigate(app.url("/campaigns/" + campaignId + "/results"));
            page.locator("#worst-posts img.post-thumb").first().scrollIntoViewIfNeeded();
            page.waitForFunction("() => [...document.querySelectorAll('#worst-posts img.post-thumb')]"
                    + ".every(i => i.complete && i.naturalWidth > 0)");
            assertThat(page.locator("#worst-posts img.post-thumb").count()).isEqualTo(accounts.size());
        } finally {
            page.context().close();
        }
    }

    @Test
    void a_new_account_says_when_its_first_collection_is_due() {
        var fresh = new PublishingFixture(app).accounts(1, "freshins").getFirst();
        var now = java.time.OffsetDateTime.now(ZoneOffset.UTC);
        app.bean(AccountDays.class).register(List.of(fresh.id()), io.switchboard.platform.Platform.INSTAGRAM, now);
        var due = db.fetchSingle("SELECT next_at FROM insight_account WHERE account_id = {0}", fresh.id())
                .get(0, java.time.OffsetDateTime.class);
        assertThat(due).as("its own moment within the hour").isBetween(now, now.plusHours(1));

        String html = web.get(app.url("/accounts/" + fresh.id() + "/insights")).body();
        String said = html.substring(html.indexOf("id=\"first-collection\""));
        assertThat(said.substring(0, said.indexOf("</p>"))).contains("No day read yet")
                .contains("first collection, due " + io.switchboard.infrastructure.Moments.near(due.toInstant(),
                        java.time.Instant.now()));
    }

    @Test
    void the_account_page_shows_follower_demographics_as_labelled_bars_and_a_table() {
        String html = web.get(app.url("/accounts/" + accounts.getFirst().id() + "/insights")).body();
        assertThat(html).contains("Follower demographics").contains("id=\"demographics-age\"")
                .contains("id=\"demographics-gender\"").contains("id=\"demographics-country\"")
                .contains("id=\"demographics-city\"");
        String gender = html.substring(html.indexOf("id=\"demographics-gender\""));
        gender = gender.substring(0, gender.indexOf("</section>"));
        assertThat(gender).as("labels in words, counts and shares of the placed followers, readable without script")
                .contains("<details class=\"chart-data\" open>").contains("Women").contains("1,800").contains("60.0 %")
                .contains("Men").contains("Not known").contains("Followers by gender");
        assertThat(html).contains("United States (US)");

        String report = web.get(app.url("/reports?tag=" + TAG)).body();
        String countries = report.substring(report.indexOf("id=\"top-countries\""));
        assertThat(countries).as("the tag's accounts together: 1,200 + 2,400 + 3,600 in the US")
                .contains("United States (US)").contains("7,200").contains("Brazil (BR)").contains("4,200");
        assertThat(countries.indexOf("United States")).isLessThan(countries.indexOf("Brazil"));
        assertThat(web.get(app.url("/reports")).body()).as("every account: no country mix over every client")
                .doesNotContain("id=\"top-countries\"");
    }

    @Test
    void campaign_results_show_totals_accounts_best_posts_and_what_differed() {
        long reach = db.fetchSingle("SELECT sum(reach) FROM insight_post WHERE campaign_id = {0}", campaignId)
                .get(0, Long.class);
        String html = web.get(app.url("/campaigns/" + campaignId + "/results")).body();
        assertThat(html).as("the campaign's name, read without its spec, titles the page and links back to it")
                .contains("<title>Winter launch: results").contains("/campaigns/" + campaignId + "\">Winter launch</a>");
        assertThat(web.get(app.url("/campaigns/987654321/results")).statusCode()).isEqualTo(404);
        assertThat(html).contains(String.format(Locale.ROOT, "%,d", reach));
        assertThat(html).contains("Compared by caption").contains("Variant A: winter sale").contains("Variant B: winter sale")
                .contains("Compared by hour published (UTC)");
        assertThat(html).contains("id=\"best-posts\"").contains("50,000");
        assertThat(html).as("without script the chart's numbers are an open table").contains("<details class=\"chart-data\" open>");
    }

    @Test
    void the_account_page_suggests_the_hour_its_own_history_did_best() {
        var slot = app.bean(Insights.class).suggestedSlot(accounts.getFirst().id()).orElseThrow();
        assertThat(slot.day()).isEqualTo(DayOfWeek.TUESDAY);
        assertThat(slot.hour()).isEqualTo(18);
        assertThat(slot.averageReach()).isEqualTo(50_000);
        String html = web.get(app.url("/accounts/" + accounts.getFirst().id() + "/insights")).body();
        assertThat(html).contains("Tuesday 18:00–19:00 (UTC)").contains("class=\"heat-4 suggested\"")
                .contains("5,435 followers");
        assertThat(app.bean(Insights.class).suggestedSlot(accounts.get(1).id()).orElseThrow().hour())
                .as("the others' evening posts did a little better").isEqualTo(18);

        assertThat(html).contains("/campaigns/new?suggestedFor=" + accounts.getFirst().id());
        var start = slot.nextStart(java.time.Instant.now(), java.time.Duration.ofMinutes(10));
        assertThat(start.getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
        assertThat(start.getHour()).isEqualTo(18);
        assertThat(start.toInstant()).isBetween(java.time.Instant.now(), java.time.Instant.now().plus(java.time.Duration.ofDays(7)));
        String form = web.get(app.url("/campaigns/new?suggestedFor=" + accounts.getFirst().id())).body();
        assertThat(form).as("campaign scheduling takes the suggested slot as its start, for that account")
                .contains("suggested slot, Tuesday 18:00–19:00 (UTC)")
                .contains("value=\"" + start.toLocalDateTime().format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")) + "\"")
                .containsPattern("value=\"" + accounts.getFirst().id() + "\"[^>]*checked");
    }

    @Test
    void pages_draw_their_charts_pass_axe_and_fit_a_phone_and_a_wide_screen() {
        List<String> failures = new ArrayList<>();
        String[][] pages = {{"campaign-results", "/campaigns/" + campaignId + "/results"},
                {"account-insights", "/accounts/" + accounts.getFirst().id() + "/insights"},
                {"reports", "/reports?tag=" + TAG + "&from=" + LocalDate.now(ZoneOffset.UTC).minusDays(30)}};
        for (int width : new int[]{1440, 390}) {
            Page page = browser.newPage();
            page.setViewportSize(width, width == 390 ? 844 : 900);
            page.setDefaultTimeout(30_000);
            Browser.signIn(page, app, "admin", AppInstance.ADMIN_PASSWORD);
            for (String[] stop : pages) {
                page.navigate(app.url(stop[1]));
                page.waitForFunction("() => !document.querySelector('canvas[data-chart]') "
                        + "|| [...document.querySelectorAll('canvas[data-chart]')].every(c => window.Chart && Chart.getChart(c))");
                assertThat(page.locator("details.chart-data[open]").count()).as("folded once drawn").isZero();
                Browser.screenshot(page, "insights/" + stop[0] + "-" + width);
                for (Rule rule : Axe.violations(page)) {
                    if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                        failures.add(stop[0] + " at " + width + ": " + rule.getId() + " " + rule.getNodes().stream()
                                .map(n -> n.getTarget() + " " + n.getHtml()).limit(3).toList());
                    }
                }
                Object overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth");
                if (((Number) overflow).intValue() > 1) {
                    failures.add(stop[0] + " at " + width + " px is " + overflow + " px wider than the window");
                }
            }
            page.context().close();
        }
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
    }

    @Test
    void a_report_downloads_as_csv_xlsx_and_a_pdf_with_its_charts_and_numbers() throws Exception {
        String query = "?tag=" + TAG + "&from=" + LocalDate.now(ZoneOffset.UTC).minusDays(30) + "&to="
                + LocalDate.now(ZoneOffset.UTC);
        long posts = db.fetchSingle("SELECT count(*) FROM insight_post WHERE campaign_id = {0}", campaignId).get(0, Long.class);
        long reach = db.fetchSingle("SELECT sum(reach) FROM insight_post WHERE campaign_id = {0}", campaignId).get(0, Long.class);

        var csv = Csv.parse(new String(bytes("/reports/report.csv" + query), StandardCharsets.UTF_8));
        assertThat(csv.getFirst().fields()).startsWith("published_at_utc", "account", "type");
        assertThat(csv).hasSize((int) posts + 1);

        String sheets = unzip(bytes("/reports/report.xlsx" + query));
        assertThat(sheets).contains("Engagement rate").contains(">" + reach + "<").contains("Variant A: winter sale");

        byte[] pdf = bytes("/reports/report.pdf" + query);
        Files.createDirectories(Path.of("target", "screenshots", "insights"));
        try (var document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains(String.format(Locale.ROOT, "%,d", reach)).contains("Reach by day published")
                    .contains("Accounts tagged " + TAG);
            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, 72);
            ImageIO.write(image, "png", Path.of("target", "screenshots", "insights", "report-pdf-page1.png").toFile());
            assertThat(chartPixels(image)).as("the bar charts are drawn in the PDF").isGreaterThan(2_000);
            assertThat(drawnImages(document)).as("the best posts here are seeded ones without media: no picture")
                    .isEmpty();
        }
    }

    @Test
    void a_report_pdf_draws_each_best_posts_thumbnail_beside_its_row() throws Exception {
        // today's posts are the campaign's own three, published with real media (the seeded ones are older)
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        byte[] pdf = bytes("/reports/report.pdf?tag=" + TAG + "&from=" + today + "&to=" + today);
        Files.createDirectories(Path.of("target", "screenshots", "insights"));
        try (var document = Loader.loadPDF(pdf)) {
            var renderer = new PDFRenderer(document);
            List<String> drawn = new ArrayList<>();
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                BufferedImage image = renderer.renderImageWithDPI(page, 72);
                if (page == document.getNumberOfPages() - 1) {
                    ImageIO.write(image, "png", Path.of("target", "screenshots", "insights", "report-pdf-thumbnails.png")
                            .toFile());
                }
                for (var box : drawnImages(document.getPage(page))) {
                    assertThat(box.getWidth()).as("a thumbnail's size beside a row, in points").isBetween(20.0, 60.0);
                    drawn.add(String.format(Locale.ROOT, "%.0f%% colour", colourShare(image, box) * 100));
                }
            }
            assertThat(drawn).as("one thumbnail drawn per best post, each the test picture's colour bars")
                    .hasSize(3).allSatisfy(d -> assertThat(Integer.parseInt(d.substring(0, d.indexOf('%'))))
                            .isGreaterThan(40));
        }
    }

    /** Where the page's content draws pictures (in points from the top left, as the page renders at 72 dpi). */
    private static List<java.awt.geom.Rectangle2D> drawnImages(org.apache.pdfbox.pdmodel.PDPage page) throws IOException {
        float height = page.getMediaBox().getHeight();
        List<java.awt.geom.Rectangle2D> boxes = new ArrayList<>();
        new org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine(page) {
            @Override
            public void drawImage(org.apache.pdfbox.pdmodel.graphics.image.PDImage image) {
                var m = getGraphicsState().getCurrentTransformationMatrix();
                boxes.add(new java.awt.geom.Rectangle2D.Double(m.getTranslateX(),
                        height - m.getTranslateY() - m.getScalingFactorY(), m.getScalingFactorX(), m.getScalingFactorY()));
            }

            @Override
            public void appendRectangle(java.awt.geom.Point2D p0, java.awt.geom.Point2D p1, java.awt.geom.Point2D p2,
                                        java.awt.geom.Point2D p3) {
            }

            @Override
            public void clip(int windingRule) {
            }

            @Override
            public void moveTo(float x, float y) {
            }

            @Override
            public void lineTo(float x, float y) {
            }

            @Override
            public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
            }

            @Override
            public java.awt.geom.Point2D getCurrentPoint() {
                return new java.awt.geom.Point2D.Float();
            }

            @Override
            public void closePath() {
            }

            @Override
            public void endPath() {
            }

            @Override
            public void strokePath() {
            }

            @Override
            public void fillPath(int windingRule) {
            }

            @Override
            public void fillAndStrokePath(int windingRule) {
            }

            @Override
            public void shadingFill(org.apache.pdfbox.cos.COSName shadingName) {
            }
        }.processPage(page);
        return boxes;
    }

    private static List<java.awt.geom.Rectangle2D> drawnImages(org.apache.pdfbox.pdmodel.PDDocument document)
            throws IOException {
        List<java.awt.geom.Rectangle2D> boxes = new ArrayList<>();
        for (var page : document.getPages()) {
            boxes.addAll(drawnImages(page));
        }
        return boxes;
    }

    /** The share of the box's rendered pixels that are strongly coloured (the test picture's bars, not text or paper). */
    private static double colourShare(BufferedImage image, java.awt.geom.Rectangle2D box) {
        int coloured = 0;
        int all = 0;
        for (int y = (int) Math.ceil(box.getMinY()); y < (int) box.getMaxY() && y < image.getHeight(); y++) {
            for (int x = (int) Math.ceil(box.getMinX()); x < (int) box.getMaxX() && x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                all++;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80) {
                    coloured++;
                }
            }
        }
        return all == 0 ? 0 : (double) coloured / all;
    }

    @Test
    void a_scheduled_report_is_made_and_kept_for_download() throws Exception {
        var reports = app.bean(ScheduledReports.class);
        long id = reports.schedule("Client A weekly", TAG, "week", "insights-pages");
        db.execute("UPDATE insight_report_schedule SET next_at = {0} WHERE id = {1}",
                OffsetDateTime.now(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                        .withHour(1).withMinute(0).withSecond(0).withNano(0), id);
        assertThat(reports.makeDue()).isEqualTo(1);
        assertThat(reports.makeDue()).as("made once").isZero();
        var file = reports.all().stream().filter(s -> s.id() == id).findFirst().orElseThrow().files().getFirst();
        assertThat(file.to()).isEqualTo(file.from().plusDays(6));
        String page = web.get(app.url("/reports")).body();
        assertThat(page).contains("Client A weekly").contains("/reports/files/" + file.id() + ".pdf");
        try (var document = Loader.loadPDF(bytes("/reports/files/" + file.id() + ".pdf"))) {
            assertThat(new PDFTextStripper().getText(document)).contains("Results report");
        }

        Page browse = browser.newPage();
        try {
            Browser.signIn(browse, app, "admin", AppInstance.ADMIN_PASSWORD);
            browse.navigate(app.url("/reports"));
            browse.locator("#stop-schedule-" + id).click();
            assertThat(browse.locator("#confirm-details").innerText()).as("what stopping touches, before it runs")
                    .contains("No more reports are made").contains("Its 1 file is deleted with it");
            Browser.screenshot(browse, "insights/report-stop-confirm");
            assertThat(reports.find(id)).as("nothing happens on one click").isPresent();
            browse.locator("#confirm-button").click();
            browse.waitForURL(url -> url.contains("/reports") && !url.contains("/stop"));
            assertThat(reports.find(id)).isEmpty();
            assertThat(browse.content()).contains("Stopped “Client A weekly”").doesNotContain("stop-schedule-" + id);
            assertThat(web.get(app.url("/reports/files/" + file.id() + ".pdf")).statusCode()).isEqualTo(404);
        } finally {
            browse.context().close();
        }
    }

    /** Pixels of the charts' bar colour (#4f46e5, within rendering tolerance). */
    private static int chartPixels(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (Math.abs(r - 0x4f) < 24 && Math.abs(g - 0x46) < 24 && Math.abs(b - 0xe5) < 24) {
                    count++;
                }
            }
        }
        return count;
    }

    private static byte[] bytes(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newBuilder().cookieHandler(web.cookies()).build()
                .send(HttpRequest.newBuilder(URI.create(app.url(path))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private static String unzip(byte[] xlsx) throws IOException {
        StringBuilder all = new StringBuilder();
        Path file = Files.createTempFile("report", ".xlsx");
        try {
            Files.write(file, xlsx);
            try (var zip = new java.util.zip.ZipFile(file.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                    if (entry.getName().endsWith(".xml")) {
                        all.append(new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return all.toString();
    }
}
