package io.switchboard.dashboard;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import io.switchboard.proxies.Proxies;
import io.switchboard.proxies.Proxy;
import io.switchboard.proxies.ProxyFilter;
import io.switchboard.proxies.ProxyPage;
import io.switchboard.proxies.ProxyProblem;
import io.switchboard.proxies.ProxyStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The Proxies list: status counts, the default route, filters (status, region, tag, text) in the URL, keyset pages
 * with status badges and latency sparklines, diagnostics results arriving live, and commands on a selection
 * (diagnose, enable, disable).
 */
@Controller
class ProxiesController {
    static final int PAGE_SIZE = 50;
    static final int SPARK_RUNS = 24;
    private final Proxies proxies;
    private final RouteImpact impact;

    ProxiesController(Proxies proxies, RouteImpact impact) {
        this.proxies = proxies;
        this.impact = impact;
    }

    /** The list's filters as the URL carries them (public: templates read it). */
    public record Filters(@Nullable String status, @Nullable String region, @Nullable String tag, @Nullable String q,
                          @Nullable String after) {
        public ProxyFilter filter() {
            ProxyStatus parsed = null;
            if (status != null && !status.isBlank()) {
                try {
                    parsed = ProxyStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    parsed = null;
                }
            }
            return new ProxyFilter(parsed, blankToNull(region), blankToNull(tag), blankToNull(q));
        }

        public boolean any() {
            ProxyFilter f = filter();
            return f.status() != null || f.region() != null || f.tag() != null || f.text() != null;
        }

        Filters first() {
            return new Filters(status, region, tag, q, null);
        }
    }

    @GetMapping("/proxies")
    String list(Filters filters, Model model) {
        rows(filters, model);
        counts(model);
        model.addAttribute("regions", proxies.regions());
        model.addAttribute("tags", proxies.tags());
        model.addAttribute("defaultProxy", proxies.defaultProxy().orElse(null));
        model.addAttribute("choices", proxies.list(ProxyFilter.ALL, null, 200).proxies());
        return "proxies";
    }

    @HxRequest
    @GetMapping("/proxies/rows")
    String rowsFragment(Filters filters, Model model) {
        rows(filters, model);
        counts(model);
        model.addAttribute("countsOob", true);
        return "proxies :: rows";
    }

    @GetMapping("/proxies/rows")
    String rowsWithoutHtmx(Filters filters) {
        return "redirect:/proxies" + query(filters);
    }

    /** The status counts above the list; a live refresh of the rows swaps them out of band. */
    private void counts(Model model) {
        model.addAttribute("statusCounts", proxies.statusCounts());
        model.addAttribute("statuses", ProxyStatus.values());
    }

    private void rows(Filters filters, Model model) {
        ProxyPage page = proxies.list(filters.filter(), filters.after(), PAGE_SIZE);
        model.addAttribute("filters", filters);
        model.addAttribute("page", page);
        model.addAttribute("recent", proxies.recentChecks(page.proxies().stream().map(Proxy::id).toList(), SPARK_RUNS));
        model.addAttribute("pending", page.proxies().stream().anyMatch(Proxy::checkPending));
        model.addAttribute("query", query(filters));
        model.addAttribute("firstQuery", query(filters.first()));
        model.addAttribute("nextQuery", page.next() == null ? null
                : query(new Filters(filters.status(), filters.region(), filters.tag(), filters.q(), page.next())));
    }

    /** Diagnose, enable or disable the selected proxies, or every proxy matching the filter. */
    @PostMapping("/proxies/bulk")
    String bulk(@RequestParam String action, @RequestParam(defaultValue = "") List<Long> ids,
                @RequestParam(defaultValue = "selected") String scope, Filters filters,
                @RequestParam(defaultValue = "false") boolean confirmed, HttpServletRequest request, Model model,
                RedirectAttributes redirect) {
        List<Long> chosen = scope.equals("filter") ? proxies.ids(filters.filter()) : ids;
        String back = "redirect:/proxies" + query(filters.first());
        if (chosen.isEmpty()) {
            model.addAttribute("problem", "Select at least one proxy first (or choose every proxy matching the filter).");
            return list(filters, model);
        }
        if (action.equals("disable") && !confirmed) {
            List<Proxy> disabling = chosen.stream().map(proxies::find).flatMap(java.util.Optional::stream)
                    .filter(Proxy::enabled).toList();
            if (!disabling.isEmpty()) {
                return Confirmation.of(request, "proxies", "/proxies" + query(filters.first()),
                        "Disable " + (disabling.size() == 1 ? disabling.getFirst().label() : disabling.size() + " proxies") + "?",
                        "Disable " + (disabling.size() == 1 ? "it" : disabling.size() + " proxies"),
                        List.of(impact.routedThrough(disabling)
                                        + ": their calls wait and their posts are held until the proxies are enabled again.",
                                "Diagnostics stop checking them meanwhile.")).page(model);
            }
        }
        try {
            String notice = switch (action) {
                case "diagnose" -> {
                    proxies.diagnose(chosen);
                    yield "Diagnosing " + chosen.size() + " prox" + (chosen.size() == 1 ? "y" : "ies")
                            + ": results appear below as they arrive.";
                }
                case "enable" -> "Enabled " + proxies.setEnabled(chosen, true) + " prox(ies).";
                case "disable" -> "Disabled " + proxies.setEnabled(chosen, false) + " prox(ies): calls of accounts "
                        + "routed through them wait until they are enabled again.";
                default -> throw new ProxyProblem("action", "Unknown command: " + action);
            };
            redirect.addFlashAttribute("notice", notice);
        } catch (ProxyProblem problem) {
            redirect.addFlashAttribute("problem", problem.getMessage());
        }
        return back;
    }

    /** The default route: a proxy's id, or empty for direct. */
    @PostMapping("/proxies/default")
    String setDefault(@RequestParam(defaultValue = "") String proxyId,
                      @RequestParam(defaultValue = "false") boolean confirmed, HttpServletRequest request, Model model,
                      RedirectAttributes redirect) {
        try {
            Long id = proxyId.isBlank() ? null : Long.valueOf(proxyId);
            Proxy chosen = id == null ? null : proxies.find(id).orElse(null);
            if (!confirmed && chosen != null && (chosen.status() == ProxyStatus.DOWN || !chosen.enabled())) {
                String state = !chosen.enabled() ? "disabled" : "down" + (chosen.statusReason().isBlank() ? ""
                        : " (" + chosen.statusReason() + ")");
                return Confirmation.of(request, "proxies", "/proxies",
                        "Make " + chosen.label() + ", which is " + (chosen.enabled() ? "down" : "disabled")
                                + ", the default route?", "Make it the default anyway",
                        List.of(chosen.label() + " is " + state + ".",
                                "The " + impact.onDefaultRoute() + " account(s) without a proxy of their own would go "
                                        + "out through it: their calls wait and their posts are held until it works.",
                                "Connecting new accounts goes through it too.")).page(model);
            }
            proxies.setDefault(id);
            redirect.addFlashAttribute("notice", id == null
                    ? "Accounts without a proxy of their own now call the platform directly."
                    : "Accounts without a proxy of their own now go through "
                    + proxies.find(id).map(Proxy::label).orElse("it") + ".");
        } catch (ProxyProblem | NumberFormatException problem) {
            redirect.addFlashAttribute("problem", problem instanceof ProxyProblem p ? p.getMessage()
                    : "Choose a proxy from the list, or direct.");
        }
        return "redirect:/proxies";
    }

    @GetMapping("/proxies/export.csv")
    void export(Filters filters, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"switchboard-proxies.csv\"");
        proxies.exportCsv(filters.filter(), new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
    }

    static String query(Filters filters) {
        UriComponentsBuilder builder = UriComponentsBuilder.newInstance();
        add(builder, "status", filters.status());
        add(builder, "region", filters.region());
        add(builder, "tag", filters.tag());
        add(builder, "q", filters.q());
        add(builder, "after", filters.after());
        return builder.encode().build().toUriString();
    }

    private static void add(UriComponentsBuilder builder, String name, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            builder.queryParam(name, value);
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
