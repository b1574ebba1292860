package io.switchboard.dashboard;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import io.switchboard.accounts.Account;
import io.switchboard.accounts.AccountFilter;
import io.switchboard.accounts.AccountPage;
import io.switchboard.accounts.AccountProblem;
import io.switchboard.accounts.AccountStatus;
import io.switchboard.accounts.Accounts;
import io.switchboard.platform.InstagramGraph;
import io.switchboard.platform.PlatformMode;
import io.switchboard.publishing.Campaigns;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Accounts list: filters (status, tag, text) in the URL, keyset pages, health results that arrive live, and
 * bulk commands (health check, profile audit, tag, disable) confirmed with the number of accounts they touch.
 */
@Controller
class AccountsController {
    static final int PAGE_SIZE = 50;
    private final Accounts accounts;
    private final InstagramGraph graph;
    private final Campaigns campaigns;

    AccountsController(Accounts accounts, InstagramGraph graph, Campaigns campaigns) {
        this.accounts = accounts;
        this.graph = graph;
        this.campaigns = campaigns;
    }

    /** The list's filters as the URL carries them (public: templates read it). */
    public record Filters(@Nullable String status, @Nullable String tag, @Nullable String q, @Nullable String after) {
        public AccountFilter filter() {
            AccountStatus parsed = null;
            if (status != null && !status.isBlank()) {
                try {
                    parsed = AccountStatus.valueOf(status.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    parsed = null;
                }
            }
            return new AccountFilter(parsed, blankToNull(tag), blankToNull(q));
        }

        public boolean any() {
            return filter().status() != null || filter().tag() != null || filter().text() != null;
        }
    }

    @GetMapping("/accounts")
    String list(Filters filters, Model model) {
        rows(filters, model);
        model.addAttribute("tags", accounts.tags());
        model.addAttribute("statusCounts", accounts.statusCounts());
        model.addAttribute("statuses", AccountStatus.values());
        model.addAttribute("sandbox", graph.mode() == PlatformMode.SANDBOX);
        return "accounts";
    }

    @HxRequest
    @GetMapping("/accounts/rows")
    String rowsFragment(Filters filters, Model model) {
        rows(filters, model);
        return "accounts :: rows";
    }

    @GetMapping("/accounts/rows")
    String rowsWithoutHtmx(Filters filters) {
        return "redirect:/accounts" + query(filters);
    }

    private void rows(Filters filters, Model model) {
        AccountPage page = accounts.list(filters.filter(), filters.after(), PAGE_SIZE);
        model.addAttribute("filters", filters);
        model.addAttribute("page", page);
        model.addAttribute("pending", page.accounts().stream().anyMatch(Account::healthPending));
        model.addAttribute("query", query(filters));
        model.addAttribute("firstQuery", query(new Filters(filters.status(), filters.tag(), filters.q(), null)));
        model.addAttribute("nextQuery", page.next() == null ? null
                : query(new Filters(filters.status(), filters.tag(), filters.q(), page.next())));
    }

    /** Step one of a bulk command: what it will do to how many accounts, to confirm. */
    @PostMapping("/accounts/bulk")
    String confirm(@RequestParam String action, @RequestParam(defaultValue = "") List<Long> ids,
                   @RequestParam(defaultValue = "selected") String scope,
                   @RequestParam(defaultValue = "") String bulkTag, Filters filters, Model model) {
        List<Long> chosen = scope.equals("filter") ? accounts.ids(filters.filter()) : ids;
        BulkAction bulk;
        try {
            bulk = BulkAction.of(action);
        } catch (AccountProblem problem) {
            return again(filters, ids, bulkTag, model, "problem", problem.getMessage());
        }
        if (chosen.isEmpty()) {
            return again(filters, ids, bulkTag, model, "problem", "Select at least one account first (or choose "
                    + "every account matching the filter).");
        }
        if ((bulk == BulkAction.TAG || bulk == BulkAction.UNTAG) && bulkTag.isBlank()) {
            return again(filters, ids, bulkTag, model, "bulkTagError", "Enter the tag to add or remove here.");
        }
        Map<String, List<String>> carried = new LinkedHashMap<>();
        carried.put("action", List.of(bulk.key()));
        carried.put("bulkTag", List.of(bulkTag));
        carried.put("ids", chosen.stream().map(String::valueOf).toList());
        carried.put("status", filters.status() == null ? List.of() : List.of(filters.status()));
        carried.put("tag", filters.tag() == null ? List.of() : List.of(filters.tag()));
        carried.put("q", filters.q() == null ? List.of() : List.of(filters.q()));
        String count = chosen.size() + (chosen.size() == 1 ? " account" : " accounts");
        List<String> details = new ArrayList<>();
        List<String> sample = chosen.stream().limit(20).map(accounts::find).flatMap(Optional::stream)
                .map(a -> "@" + a.username()).toList();
        details.add(String.join(", ", sample) + (chosen.size() > sample.size()
                ? " and " + (chosen.size() - sample.size()) + " more." : "."));
        switch (bulk) {
            case DISABLE -> {
                details.add("No work is done for them until an operator enables them: no publishing, token checks or audits.");
                details.add(campaigns.unfinishedPostsOf(chosen) + " of their posts not published yet are held until then.");
            }
            case HEALTH -> details.add("Each token is checked against the platform and refreshed if it expires soon.");
            case AUDIT -> details.add("Each profile is read from the platform and compared with the desired one.");
            case TAG, UNTAG -> details.add("Tags choose accounts for campaigns and proxies: those that use the tag "
                    + bulkTag.strip().toLowerCase(Locale.ROOT) + " see the change from now on.");
        }
        return new Confirmation(bulk.verb() + " " + count + (bulkTag.isBlank() ? "" : " (" + bulkTag.strip() + ")") + "?",
                details, bulk.button() + ": " + count, "/accounts/bulk/confirm", carried, "/accounts" + query(filters),
                "accounts", bulk == BulkAction.DISABLE).page(model);
    }

    /** The list again with the selection and the tag as they were, and the mistake where it belongs. */
    private String again(Filters filters, List<Long> ids, String bulkTag, Model model, String where, String mistake) {
        model.addAttribute(where, mistake);
        model.addAttribute("selected", ids);
        model.addAttribute("bulkTag", bulkTag);
        return list(filters, model);
    }

    /** Step two: the confirmed bulk command. */
    @PostMapping("/accounts/bulk/confirm")
    String bulk(@RequestParam String action, @RequestParam List<Long> ids,
                @RequestParam(defaultValue = "") String bulkTag, Filters filters, RedirectAttributes redirect) {
        try {
            String notice = switch (BulkAction.of(action)) {
                case HEALTH -> {
                    accounts.checkHealth(ids);
                    yield "Checking the tokens of " + ids.size() + " account(s): results appear below as they arrive.";
                }
                case AUDIT -> {
                    accounts.audit(ids);
                    yield "Auditing the profiles of " + ids.size() + " account(s): drift appears on each account's page.";
                }
                case TAG -> {
                    accounts.addTag(ids, bulkTag);
                    yield "Tagged " + ids.size() + " account(s) with " + bulkTag.strip().toLowerCase(Locale.ROOT) + ".";
                }
                case UNTAG -> {
                    accounts.removeTag(ids, bulkTag);
                    yield "Removed the tag " + bulkTag.strip().toLowerCase(Locale.ROOT) + " from " + ids.size() + " account(s).";
                }
                case DISABLE -> "Disabled " + accounts.disable(ids) + " account(s): no work is done for them until enabled.";
            };
            redirect.addFlashAttribute("notice", notice);
        } catch (AccountProblem problem) {
            redirect.addFlashAttribute("problem", problem.getMessage());
        }
        return "redirect:/accounts" + query(filters);
    }

    @GetMapping("/accounts/export.csv")
    void export(Filters filters, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"switchboard-accounts.csv\"");
        accounts.exportCsv(filters.filter(), new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
    }

    /** The bulk commands of the list (public: templates read it). */
    public enum BulkAction {
        HEALTH("Check the token health of", "Check health"),
        AUDIT("Audit the profiles of", "Audit profiles"),
        TAG("Tag", "Add tag"),
        UNTAG("Remove a tag from", "Remove tag"),
        DISABLE("Disable", "Disable");

        private final String verb;
        private final String button;

        BulkAction(String verb, String button) {
            this.verb = verb;
            this.button = button;
        }

        public String verb() {
            return verb;
        }

        public String button() {
            return button;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        static BulkAction of(String action) {
            try {
                return valueOf(action.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new AccountProblem("action", "Unknown bulk action: " + action);
            }
        }
    }

    static String query(Filters filters) {
        var builder = org.springframework.web.util.UriComponentsBuilder.newInstance();
        if (filters.status() != null && !filters.status().isBlank()) {
            builder.queryParam("status", filters.status());
        }
        if (filters.tag() != null && !filters.tag().isBlank()) {
            builder.queryParam("tag", filters.tag());
        }
        if (filters.q() != null && !filters.q().isBlank()) {
            builder.queryParam("q", filters.q());
        }
        if (filters.after() != null && !filters.after().isBlank()) {
            builder.queryParam("after", filters.after());
        }
        return builder.encode().build().toUriString();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
