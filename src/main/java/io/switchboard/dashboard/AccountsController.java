package io.switchboard.dashboard;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import io.switchboard.accounts.Account;
import io.switchboard.accounts.AccountFilter;
import io.switchboard.accounts.AccountPage;
import io.switchboard.accounts.AccountProblem;
import io.switchboard.accounts.AccountStatus;
import io.switchboard.accounts.Accounts;
import io.switchboard.accounts.Connections;
import io.switchboard.platform.Platform;
import io.switchboard.platform.PlatformMode;
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
import java.util.List;
import java.util.Locale;

/**
 * The Accounts list: filters (platform, status, tag, text) in the URL, keyset pages, health results that arrive live, and
 * bulk commands (health check, profile audit, tag, disable) confirmed with the number of accounts they touch.
 */
@Controller
class AccountsController {
    static final int PAGE_SIZE = 50;
    private final Accounts accounts;
    private final Connections connections;
    private final PlatformMode mode;

    AccountsController(Accounts accounts, Connections connections, PlatformMode mode) {
        this.accounts = accounts;
        this.connections = connections;
        this.mode = mode;
    }

    /** The list's filters as the URL carries them (public: templates read it). */
    public record Filters(@Nullable String platform, @Nullable String status, @Nullable String tag, @Nullable String q,
                          @Nullable String after) {
        public AccountFilter filter() {
            AccountStatus parsed = null;
            if (status != null && !status.isBlank()) {
                try {
                    parsed = AccountStatus.valueOf(status.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    parsed = null;
                }
            }
            Platform on = platform == null ? null : Platform.parse(platform).orElse(null);
            return new AccountFilter(parsed, blankToNull(tag), blankToNull(q), on);
        }

        public boolean any() {
            AccountFilter filter = filter();
            return filter.platform() != null || filter.status() != null || filter.tag() != null || filter.text() != null;
        }

        /** The same filters on the first page. */
        Filters first() {
            return new Filters(platform, status, tag, q, null);
        }

        Filters after(String next) {
            return new Filters(platform, status, tag, q, next);
        }
    }

    @GetMapping("/accounts")
    String list(Filters filters, Model model) {
        rows(filters, model);
        model.addAttribute("tags", accounts.tags());
        model.addAttribute("statusCounts", accounts.statusCounts());
        model.addAttribute("statuses", AccountStatus.values());
        model.addAttribute("platforms", connections.platforms());
        model.addAttribute("sandbox", mode == PlatformMode.SANDBOX);
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
        model.addAttribute("firstQuery", query(filters.first()));
        model.addAttribute("nextQuery", page.next() == null ? null : query(filters.after(page.next())));
    }

    /** Step one of a bulk command: what it will do to how many accounts, to confirm. */
    @PostMapping("/accounts/bulk")
    String confirm(@RequestParam String action, @RequestParam(defaultValue = "") List<Long> ids,
                   @RequestParam(defaultValue = "selected") String scope,
                   @RequestParam(defaultValue = "") String bulkTag, Filters filters, Model model,
                   RedirectAttributes redirect) {
        List<Long> chosen = scope.equals("filter") ? accounts.ids(filters.filter()) : ids;
        if (chosen.isEmpty()) {
            redirect.addFlashAttribute("problem", "Select at least one account first (or choose every account "
                    + "matching the filter).");
            return "redirect:/accounts" + query(filters);
        }
        BulkAction bulk;
        try {
            bulk = BulkAction.of(action);
        } catch (AccountProblem problem) {
            redirect.addFlashAttribute("problem", problem.getMessage());
            return "redirect:/accounts" + query(filters);
        }
        if ((bulk == BulkAction.TAG || bulk == BulkAction.UNTAG) && bulkTag.isBlank()) {
            redirect.addFlashAttribute("problem", "Enter the tag to add or remove in the box next to the buttons.");
            return "redirect:/accounts" + query(filters);
        }
        model.addAttribute("action", bulk);
        model.addAttribute("ids", chosen);
        model.addAttribute("bulkTag", bulkTag);
        model.addAttribute("filters", filters);
        model.addAttribute("query", query(filters));
        model.addAttribute("sample", chosen.stream().limit(20).map(accounts::find)
                .flatMap(java.util.Optional::stream).map(Account::username).toList());
        return "accounts-confirm";
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
        if (filters.platform() != null && !filters.platform().isBlank()) {
            builder.queryParam("platform", filters.platform());
        }
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
