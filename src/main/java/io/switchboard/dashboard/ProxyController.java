package io.switchboard.dashboard;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import io.switchboard.accounts.Account;
import io.switchboard.accounts.AccountFilter;
import io.switchboard.accounts.Accounts;
import io.switchboard.proxies.Proxies;
import io.switchboard.proxies.Proxy;
import io.switchboard.proxies.ProxyProblem;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One proxy: its endpoint (never its password), status with the reason, latency over its recent runs, the
 * diagnostics history (arriving live while a run is pending), the accounts routed through it, and its commands.
 */
@Controller
class ProxyController {
    static final int HISTORY = 50;
    private final Proxies proxies;
    private final Accounts accounts;
    private final RouteImpact impact;

    ProxyController(Proxies proxies, Accounts accounts, RouteImpact impact) {
        this.proxies = proxies;
        this.accounts = accounts;
        this.impact = impact;
    }

    @GetMapping("/proxies/{id}")
    String detail(@PathVariable long id, Model model) {
        live(id, model);
        model.addAttribute("isDefault", proxies.defaultProxy().map(p -> p.id() == id).orElse(false));
        model.addAttribute("accounts", proxies.accountsUsing(id).stream().map(accounts::find)
                .flatMap(Optional::stream).toList());
        model.addAttribute("accountTags", accounts.tags());
        return "proxy";
    }

    @HxRequest
    @GetMapping("/proxies/{id}/live")
    String liveFragment(@PathVariable long id, Model model) {
        live(id, model);
        return "proxy :: live";
    }

    @GetMapping("/proxies/{id}/live")
    String liveWithoutHtmx(@PathVariable long id) {
        return "redirect:/proxies/" + id;
    }

    private void live(long id, Model model) {
        Proxy proxy = proxies.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("proxy", proxy);
        model.addAttribute("history", proxies.history(id, HISTORY));
        model.addAttribute("trend", proxies.recentChecks(List.of(id), HISTORY).get(id));
    }

    @PostMapping("/proxies/{id}/diagnose")
    String diagnose(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, redirect, () -> proxies.diagnose(List.of(id)), "Diagnostics started: the result appears below.");
    }

    @PostMapping("/proxies/{id}/enabled")
    String setEnabled(@PathVariable long id, @RequestParam boolean enabled,
                      @RequestParam(defaultValue = "false") boolean confirmed, HttpServletRequest request,
                      Model model, RedirectAttributes redirect) {
        Proxy proxy = proxies.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!enabled && proxy.enabled() && !confirmed) {
            return Confirmation.of(request, "proxies", "/proxies/" + id, "Disable " + proxy.label() + "?",
                    "Disable " + proxy.label(), List.of(impact.routedThrough(List.of(proxy))
                                    + ": their calls wait and their posts are held until it is enabled again.",
                            "Diagnostics stop checking it meanwhile.")).page(model);
        }
        return act(id, redirect, () -> proxies.setEnabled(List.of(id), enabled), enabled ? "Enabled."
                : "Disabled: calls of the accounts routed through it wait until it is enabled again.");
    }

    @PostMapping("/proxies/{id}/delete")
    String delete(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirmed,
                  HttpServletRequest request, Model model, RedirectAttributes redirect) {
        Proxy proxy = proxies.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String label = proxy.label();
        boolean isDefault = proxies.defaultProxy().map(p -> p.id() == id).orElse(false);
        if (!confirmed && !isDefault && proxy.accounts() == 0) {
            return Confirmation.of(request, "proxies", "/proxies/" + id, "Delete " + label + "?", "Delete " + label,
                    List.of("No account is assigned to it and it is not the default route, so no call changes its way out.",
                            "Its settings (" + proxy.url() + ") and its whole diagnostics history are deleted; "
                                    + "this cannot be undone.")).page(model);
        }
        try {
            proxies.delete(id);
            redirect.addFlashAttribute("notice", "Deleted " + label + " and its diagnostics history.");
            return "redirect:/proxies";
        } catch (ProxyProblem problem) {
            redirect.addFlashAttribute("problem", problem.getMessage());
            return "redirect:/proxies/" + id;
        }
    }

    /** Routes accounts through this proxy: every account with a tag, and/or the usernames listed. */
    @PostMapping("/proxies/{id}/accounts")
    String assign(@PathVariable long id, @RequestParam(defaultValue = "") String tag,
                  @RequestParam(defaultValue = "") String usernames, Model model, RedirectAttributes redirect) {
        List<Long> chosen = new ArrayList<>();
        if (!tag.isBlank()) {
            accounts.byTag(tag.strip()).forEach(a -> chosen.add(a.id()));
        }
        List<String> unknown = new ArrayList<>();
        for (String username : Arrays.stream(usernames.split("[\\s,;]+")).map(u -> u.replaceFirst("^@", ""))
                .filter(u -> !u.isBlank()).distinct().toList()) {
            byUsername(username).ifPresentOrElse(a -> chosen.add(a.id()), () -> unknown.add(username));
        }
        if (unknown.isEmpty() && !chosen.isEmpty()) {
            return act(id, redirect, () -> proxies.assign(chosen.stream().distinct().toList(), id),
                    chosen.stream().distinct().count() + " account(s) now go out through this proxy.");
        }
        model.addAttribute("assignTag", tag);
        model.addAttribute("assignUsernames", usernames);
        model.addAttribute("usernamesError", !unknown.isEmpty()
                ? "No connected account is called @" + String.join(", @", unknown) + ": correct the usernames."
                : "Choose a tag with accounts, or enter usernames such as @shop_berlin.");
        return detail(id, model);
    }

    @PostMapping("/proxies/{id}/accounts/remove")
    String unassign(@PathVariable long id, @RequestParam long accountId, RedirectAttributes redirect) {
        return act(id, redirect, () -> proxies.unassign(List.of(accountId)),
                "The account follows the default route again.");
    }

    private Optional<Account> byUsername(String username) {
        return accounts.list(new AccountFilter(null, null, username), null, 20).accounts().stream()
                .filter(a -> a.username().equalsIgnoreCase(username)).findFirst();
    }

    private static String act(long id, RedirectAttributes redirect, Runnable command, String notice) {
        try {
            command.run();
            redirect.addFlashAttribute("notice", notice);
        } catch (ProxyProblem problem) {
            redirect.addFlashAttribute("problem", problem.getMessage());
        }
        return "redirect:/proxies/" + id;
    }
}
