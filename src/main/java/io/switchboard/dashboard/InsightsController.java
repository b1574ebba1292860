package io.switchboard.dashboard;

import io.switchboard.accounts.Account;
import io.switchboard.accounts.Accounts;
import io.switchboard.insights.Insights;
import io.switchboard.insights.ReportFiles;
import io.switchboard.insights.ReportFilter;
import io.switchboard.insights.ReportSchedule;
import io.switchboard.insights.ScheduledReports;
import io.switchboard.publishing.Campaigns;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Insights' pages: a campaign's results, an account's insights and best hours, reports and their downloads. */
@Controller
class InsightsController {
    private final Insights insights;
    private final ReportFiles files;
    private final ScheduledReports scheduled;
    private final Campaigns campaigns;
    private final Accounts accounts;
    private final InsightCharts charts;
    private final Formats formats;
    private final PostThumbnails thumbnails;
    private final InsightTables tables;

    InsightsController(Insights insights, ReportFiles files, ScheduledReports scheduled, Campaigns campaigns,
                       Accounts accounts, InsightCharts charts, Formats formats, PostThumbnails thumbnails,
                       InsightTables tables) {
        this.insights = insights;
        this.files = files;
        this.scheduled = scheduled;
        this.campaigns = campaigns;
        this.accounts = accounts;
        this.charts = charts;
        this.formats = formats;
        this.thumbnails = thumbnails;
        this.tables = tables;
    }

    @GetMapping("/campaigns/{id}/results")
    String campaign(@PathVariable long id, Model model, Locale locale, HttpServletRequest request) {
        String name = campaigns.name(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var results = insights.campaign(id);
        String base = request.getContextPath();
        var thumbs = thumbnails.of(results.best(), results.worst());
        model.addAttribute("campaignName", name);
        model.addAttribute("results", results);
        model.addAttribute("daysChart", charts.days(results.days()));
        model.addAttribute("dayLines", tables.days(results.days(), locale));
        model.addAttribute("accountLines", tables.accounts(results.accounts(), base));
        model.addAttribute("comparisons", tables.comparisons(results.comparisons()));
        model.addAttribute("bestLines", tables.posts(results.best(), thumbs, base));
        model.addAttribute("worstLines", tables.posts(results.worst(), thumbs, base));
        return "campaign-results";
    }

    @GetMapping("/accounts/{id}/insights")
    String account(@PathVariable long id, Model model, Locale locale, HttpServletRequest request) {
        Account account = accounts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var found = insights.account(account);
        model.addAttribute("account", account);
        model.addAttribute("insights", found);
        model.addAttribute("followersChart", charts.followers(found.days()));
        model.addAttribute("followerLines", tables.followers(found.days(), locale));
        model.addAttribute("heatRows", tables.heatMap(found.heatMap(), found.suggested()));
        model.addAttribute("recentLines", tables.posts(found.recent(), thumbnails.of(found.recent()),
                request.getContextPath()));
        var demographics = insights.demographics(id);
        model.addAttribute("demographics", demographics);
        model.addAttribute("demographicCharts", charts.demographics(demographics));
        return "account-insights";
    }

    /** The report form as typed (public: the template reads it). */
    public record ReportForm(String tag, String from, String to) {
    }

    @GetMapping("/reports")
    String reports(@RequestParam(required = false) @Nullable String tag,
                   @RequestParam(required = false) @Nullable String from,
                   @RequestParam(required = false) @Nullable String to, Model model, Locale locale,
                   HttpServletRequest request) {
        ReportForm form = form(tag, from, to);
        Map<String, String> errors = new LinkedHashMap<>();
        ReportFilter filter = filter(form, errors);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("tags", accounts.tags().keySet());
        model.addAttribute("schedules", scheduled.all());
        if (filter != null) {
            var report = insights.report(filter);
            model.addAttribute("report", report);
            model.addAttribute("title", ReportFiles.title(filter));
            model.addAttribute("daysChart", charts.days(report.days()));
            model.addAttribute("dayLines", tables.days(report.days(), locale));
            model.addAttribute("accountLines", tables.accounts(report.accounts(), request.getContextPath()));
            model.addAttribute("topLines", tables.posts(report.top(), thumbnails.of(report.top()), request.getContextPath()));
            model.addAttribute("topCountries", insights.topCountries(filter, 10));
        }
        return "reports";
    }

    @GetMapping("/reports/report.csv")
    void csv(@RequestParam(required = false) @Nullable String tag, @RequestParam(required = false) @Nullable String from,
             @RequestParam(required = false) @Nullable String to, HttpServletResponse response) throws IOException {
        ReportFilter filter = required(form(tag, from, to));
        download(response, "text/csv; charset=UTF-8", "report.csv");
        var writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        files.csv(filter, writer);
    }

    @GetMapping("/reports/report.xlsx")
    void xlsx(@RequestParam(required = false) @Nullable String tag, @RequestParam(required = false) @Nullable String from,
              @RequestParam(required = false) @Nullable String to, HttpServletResponse response) throws IOException {
        ReportFilter filter = required(form(tag, from, to));
        download(response, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "report.xlsx");
        files.xlsx(filter, response.getOutputStream());
    }

    @GetMapping("/reports/report.pdf")
    void pdf(@RequestParam(required = false) @Nullable String tag, @RequestParam(required = false) @Nullable String from,
             @RequestParam(required = false) @Nullable String to, HttpServletResponse response) throws IOException {
        ReportFilter filter = required(form(tag, from, to));
        download(response, MediaType.APPLICATION_PDF_VALUE, "report.pdf");
        files.pdf(filter, response.getOutputStream());
    }

    @PostMapping("/reports/schedules")
    String schedule(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String tag,
                    @RequestParam(defaultValue = "week") String every, Authentication who, RedirectAttributes redirect) {
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            redirect.addFlashAttribute("problem", "Give the scheduled report a name of 1 to 100 characters "
                    + "(what the client will see), then schedule it again.");
        } else if (!tag.isBlank() && !accounts.tags().containsKey(tag.strip())) {
            redirect.addFlashAttribute("problem", "No account carries the tag \"" + tag.strip()
                    + "\": pick one from the list, or leave it empty for every account.");
        } else if (!every.equals("week") && !every.equals("month")) {
            redirect.addFlashAttribute("problem", "Choose every week or every month.");
        } else {
            scheduled.schedule(trimmed, tag, every, who.getName());
            redirect.addFlashAttribute("notice", "Scheduled: \"" + trimmed + "\" is made every " + every
                    + " and kept here for download.");
        }
        return "redirect:/reports#scheduled";
    }

    @PostMapping("/reports/schedules/{id}/stop")
    String stop(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirmed,
                HttpServletRequest request, Model model, RedirectAttributes redirect) {
        ReportSchedule schedule = scheduled.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        int made = scheduled.fileCount(id);
        if (!confirmed) {
            return Confirmation.of(request, "reports", "/reports#scheduled", "Stop the scheduled report “"
                    + schedule.name() + "”?", "Stop and delete it", List.of(
                    "No more reports are made for it (next was due " + formats.moment(schedule.nextAt()) + ").",
                    made == 0 ? "No file was made for it yet." : "Its " + made + (made == 1 ? " file is" : " files are")
                            + " deleted with it: download any you want to keep first.")).page(model);
        }
        if (scheduled.remove(id)) {
            redirect.addFlashAttribute("notice", "Stopped “" + schedule.name() + "”: no more reports are made for it.");
        }
        return "redirect:/reports#scheduled";
    }

    @GetMapping("/reports/files/{id}.pdf")
    ResponseEntity<byte[]> file(@PathVariable long id) {
        byte[] pdf = scheduled.pdf(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"report-" + id + ".pdf\"").body(pdf);
    }

    private static ReportForm form(@Nullable String tag, @Nullable String from, @Nullable String to) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return new ReportForm(tag == null ? "" : tag.strip(),
                from == null || from.isBlank() ? today.minusDays(29).toString() : from.strip(),
                to == null || to.isBlank() ? today.toString() : to.strip());
    }

    private static @Nullable ReportFilter filter(ReportForm form, Map<String, String> errors) {
        LocalDate from = date(form.from(), "from", errors);
        LocalDate to = date(form.to(), "to", errors);
        if (from == null || to == null) {
            return null;
        }
        if (to.isBefore(from)) {
            errors.put("to", "The last day is before the first: pick a day on or after " + from + ".");
            return null;
        }
        if (from.plusDays(ReportFilter.MAX_DAYS).isBefore(to)) {
            errors.put("to", "A report covers at most " + ReportFilter.MAX_DAYS + " days: pick a last day before "
                    + from.plusDays(ReportFilter.MAX_DAYS + 1) + ".");
            return null;
        }
        return new ReportFilter(form.tag().isEmpty() ? null : form.tag(), from, to);
    }

    private static @Nullable LocalDate date(String text, String field, Map<String, String> errors) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.put(field, "\"" + text + "\" is not a day: write it as 2026-11-30.");
            return null;
        }
    }

    private static ReportFilter required(ReportForm form) {
        Map<String, String> errors = new LinkedHashMap<>();
        ReportFilter filter = filter(form, errors);
        if (filter == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, String.join(" ", errors.values()));
        }
        return filter;
    }

    private static void download(HttpServletResponse response, String type, String name) {
        response.setContentType(type);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
    }
}
