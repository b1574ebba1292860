package io.switchboard.dashboard;

import io.switchboard.audit.AuditEntry;
import io.switchboard.audit.AuditFilter;
import io.switchboard.audit.AuditTrail;
import io.switchboard.infrastructure.Csv;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The audit log (ADMIN): filtered by operator, object, action and days, newest first, paged by id, as CSV too. */
@Controller
class AuditController {
    static final int PAGE = 50;
    static final int EXPORT_CAP = 100_000;
    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    /** The filter as typed (kept on the page) and its mistakes by field. */
    record Form(String actor, String objectType, String objectId, String action, String from, String to) {
        Map<String, String> mistakes() {
            Map<String, String> mistakes = new LinkedHashMap<>();
            if (date(from) == null && !from.isBlank()) {
                mistakes.put("from", "Enter a day as 2026-11-26, or leave it empty.");
            }
            if (date(to) == null && !to.isBlank()) {
                mistakes.put("to", "Enter a day as 2026-11-26, or leave it empty.");
            }
            return mistakes;
        }

        AuditFilter filter() {
            LocalDate first = date(from);
            LocalDate last = date(to);
            return new AuditFilter(blank(actor), blank(objectType), blank(objectId), blank(action),
                    first == null ? null : first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    last == null ? null : last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }

        public String query(@Nullable Long before) {
            var uri = UriComponentsBuilder.newInstance();
            Map.of("actor", actor, "objectType", objectType, "objectId", objectId, "action", action, "from", from,
                    "to", to).forEach((name, value) -> {
                if (!value.isBlank()) {
                    uri.queryParam(name, value);
                }
            });
            if (before != null) {
                uri.queryParam("before", before);
            }
            String query = uri.encode().build().getQuery();
            return query == null ? "" : query;
        }

        private static @Nullable String blank(String value) {
            return value.isBlank() ? null : value.strip();
        }

        private static @Nullable LocalDate date(String value) {
            try {
                return value.isBlank() ? null : LocalDate.parse(value.strip());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    @GetMapping("/audit")
    String page(@RequestParam(defaultValue = "") String actor, @RequestParam(defaultValue = "") String objectType,
                @RequestParam(defaultValue = "") String objectId, @RequestParam(defaultValue = "") String action,
                @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
                @RequestParam(required = false) @Nullable Long before, Model model) {
        Form form = new Form(actor, objectType, objectId, action, from, to);
        Map<String, String> mistakes = form.mistakes();
        List<AuditEntry> entries = mistakes.isEmpty() ? trail.page(form.filter(), before, PAGE + 1) : List.of();
        model.addAttribute("form", form);
        model.addAttribute("mistakes", mistakes);
        model.addAttribute("entries", entries.stream().limit(PAGE).toList());
        model.addAttribute("next", entries.size() > PAGE ? entries.get(PAGE - 1).id() : null);
        model.addAttribute("before", before);
        return "audit";
    }

    @GetMapping("/audit.csv")
    void export(@RequestParam(defaultValue = "") String actor, @RequestParam(defaultValue = "") String objectType,
                @RequestParam(defaultValue = "") String objectId, @RequestParam(defaultValue = "") String action,
                @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
                HttpServletResponse response) throws IOException {
        Form form = new Form(actor, objectType, objectId, action, from, to);
        if (!form.mistakes().isEmpty()) {
            response.sendError(400, String.join(" ", form.mistakes().values()));
            return;
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit.csv\"");
        Writer out = new java.io.OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write(Csv.record(List.of("id", "at_utc", "operator", "from", "action", "object_type", "object_id", "object",
                "detail", "changes")));
        trail.each(form.filter(), EXPORT_CAP, e -> {
            try {
                out.write(Csv.record(List.of(Long.toString(e.id()), e.at().withOffsetSameInstant(ZoneOffset.UTC).toString(),
                        e.actor(), orEmpty(e.source()), e.action(), orEmpty(e.objectType()), orEmpty(e.objectId()),
                        orEmpty(e.target()), orEmpty(e.detail()), changes(e))));
            } catch (IOException failed) {
                throw new java.io.UncheckedIOException(failed);
            }
        });
        out.flush();
    }

    static String changes(AuditEntry entry) {
        return entry.changes().entrySet().stream()
                .map(c -> c.getKey() + ": " + (c.getValue().before() == null ? "" : c.getValue().before() + " → ")
                        + (c.getValue().after() == null ? "(none)" : c.getValue().after()))
                .collect(Collectors.joining("; "));
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}
