package io.switchboard.insights;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import io.switchboard.infrastructure.Csv;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.stereotype.Service;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A report as files a client can read: CSV (one row per post), XLSX (a summary sheet, days, accounts and posts, with
 * fastexcel) and PDF (the report page's content with its charts drawn as SVG and each best post's thumbnail inside
 * the file, through openhtmltopdf).
 */
@Service
public class ReportFiles {
    /** Posts a download lists at most (newest first). */
    public static final int MAX_POSTS = 100_000;
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final String[] POST_COLUMNS = {"published_at_utc", "account", "type", "caption", "permalink",
            "reach", "views", "likes", "comments", "shares", "saved", "interactions", "engagement_rate", "read_at_utc"};
    private final Insights insights;
    private final ITemplateEngine templates;
    private final ReportThumbnails thumbnails;

    ReportFiles(Insights insights, ITemplateEngine templates, ReportThumbnails thumbnails) {
        this.insights = insights;
        this.templates = templates;
        this.thumbnails = thumbnails;
    }

    public void csv(ReportFilter filter, Writer out) throws IOException {
        out.write(Csv.record(List.of(POST_COLUMNS)));
        for (PostResult p : insights.reportPosts(filter, MAX_POSTS)) {
            out.write(Csv.record(List.of(iso(p.publishedAt()), "@" + p.username(), p.type().name(), p.caption(),
                    p.permalink() == null ? "" : p.permalink(), String.valueOf(p.metrics().reach()),
                    String.valueOf(p.metrics().views()), String.valueOf(p.metrics().likes()),
                    String.valueOf(p.metrics().comments()), String.valueOf(p.metrics().shares()),
                    String.valueOf(p.metrics().saved()), String.valueOf(p.metrics().interactions()),
                    String.format(Locale.ROOT, "%.4f", p.metrics().engagementRate()),
                    p.collectedAt() == null ? "" : iso(p.collectedAt()))));
        }
        out.flush();
    }

    public void xlsx(ReportFilter filter, OutputStream out) throws IOException {
        Report report = insights.report(filter);
        Workbook workbook = new Workbook(out, "Switchboard", "1.0");
        Worksheet summary = workbook.newWorksheet("Summary");
        String[][] rows = {
                {"Report", title(filter)}, {"Posts measured", null}, {"Reach (accounts)", null},
                {"Views (times seen)", null}, {"Interactions", null}, {"Engagement rate", null}};
        long[] values = {0, report.totals().posts(), report.totals().reach(), report.totals().views(),
                report.totals().interactions()};
        for (int r = 0; r < rows.length; r++) {
            summary.value(r, 0, rows[r][0]);
            if (r == 0) {
                summary.value(r, 1, rows[r][1]);
            } else if (r < 5) {
                summary.value(r, 1, values[r]);
            } else {
                summary.value(r, 1, report.totals().engagementRate());
                summary.style(r, 1).format("0.0%").set();
            }
        }
        Worksheet days = workbook.newWorksheet("Days");
        header(days, "Day (UTC)", "Posts", "Reach (accounts)", "Views (times)", "Interactions");
        int r = 1;
        for (DayPoint d : report.days()) {
            days.value(r, 0, d.day());
            days.style(r, 0).format("yyyy-mm-dd").set();
            days.value(r, 1, d.posts());
            days.value(r, 2, d.reach());
            days.value(r, 3, d.views());
            days.value(r++, 4, d.interactions());
        }
        Worksheet accounts = workbook.newWorksheet("Accounts");
        header(accounts, "Account", "Posts", "Reach (accounts)", "Views (times)", "Interactions", "Engagement rate");
        r = 1;
        for (AccountRow a : report.accounts()) {
            accounts.value(r, 0, "@" + a.username());
            accounts.value(r, 1, a.totals().posts());
            accounts.value(r, 2, a.totals().reach());
            accounts.value(r, 3, a.totals().views());
            accounts.value(r, 4, a.totals().interactions());
            accounts.value(r, 5, a.totals().engagementRate());
            accounts.style(r++, 5).format("0.0%").set();
        }
        Worksheet posts = workbook.newWorksheet("Posts");
        header(posts, POST_COLUMNS);
        r = 1;
        for (PostResult p : insights.reportPosts(filter, MAX_POSTS)) {
            posts.value(r, 0, iso(p.publishedAt()));
            posts.value(r, 1, "@" + p.username());
            posts.value(r, 2, p.type().name());
            posts.value(r, 3, p.caption());
            posts.value(r, 4, p.permalink() == null ? "" : p.permalink());
            long[] m = {p.metrics().reach(), p.metrics().views(), p.metrics().likes(), p.metrics().comments(),
                    p.metrics().shares(), p.metrics().saved(), p.metrics().interactions()};
            for (int c = 0; c < m.length; c++) {
                posts.value(r, 5 + c, m[c]);
            }
            posts.value(r, 12, p.metrics().engagementRate());
            posts.value(r, 13, p.collectedAt() == null ? "" : iso(p.collectedAt()));
            r++;
        }
        workbook.finish();
    }

    public void pdf(ReportFilter filter, OutputStream out) {
        Report report = insights.report(filter);
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("report", report);
        context.setVariable("title", title(filter));
        context.setVariable("thumbnails", thumbnails.of(report.top()));
        context.setVariable("made", DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH)
                .format(OffsetDateTime.now(ZoneOffset.UTC)));
        context.setVariable("daysChart", ReportSvg.bars("Reach by day published", "accounts",
                report.days().stream().map(d -> new ReportSvg.Bar(DAY.format(d.day()), d.reach())).toList()));
        context.setVariable("accountsChart", ReportSvg.bars("Reach by account", "accounts",
                report.accounts().stream().limit(12).map(a -> new ReportSvg.Bar("@" + a.username(), a.totals().reach()))
                        .toList()));
        String html = templates.process("reports/report-pdf", context);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useSVGDrawer(new BatikSVGDrawer());
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "Report: tag client-a, 1 Nov 2026 to 30 Nov 2026". */
    public static String title(ReportFilter filter) {
        DateTimeFormatter day = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
        return (filter.tag() == null ? "All accounts" : "Accounts tagged " + filter.tag()) + ", posts published "
                + day.format(filter.from()) + " to " + day.format(filter.to());
    }

    private static void header(Worksheet sheet, String... names) {
        for (int c = 0; c < names.length; c++) {
            sheet.value(0, c, names[c]);
            sheet.style(0, c).bold().set();
        }
    }

    private static String iso(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().withNano(0).toString();
    }

    static List<String> columns() {
        return List.of(POST_COLUMNS);
    }
}
