package io.switchboard.sandbox;

import io.switchboard.identity.CurrentOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Duration;
import java.util.Map;

/**
 * The ADMIN page "Sandbox": latency, processing delay, quota, injected errors from the platform's table, usage
 * floors that make the client hold off or the sandbox throttle, and the sandbox's accounts and latest posts.
 * Everything is stored in the database, so it applies on every instance at once.
 */
@Controller
@Conditional(SandboxEnabled.class)
class SandboxPage {
    private static final String BACK = "redirect:/sandbox";
    private final BehaviourStore behaviour;
    private final AccountStore accounts;
    private final ContainerStore containers;

    SandboxPage(BehaviourStore behaviour, AccountStore accounts, ContainerStore containers) {
        this.behaviour = behaviour;
        this.accounts = accounts;
        this.containers = containers;
    }

    @GetMapping("/sandbox")
    String page(Model model) {
        model.addAttribute("settings", RecordViews.of(behaviour.settings()));
        model.addAttribute("faults", behaviour.faults().stream().map(f -> {
            Map<String, Object> view = new java.util.LinkedHashMap<>(RecordViews.of(f));
            view.put("key", f.entry().key());
            view.put("meaning", f.entry().meaning());
            return view;
        }).toList());
        model.addAttribute("floors", RecordViews.of(behaviour.floors()));
        model.addAttribute("catalog", FaultCatalog.ENTRIES.stream().map(e -> Map.of("key", e.key(), "meaning", e.meaning())).toList());
        model.addAttribute("calls", Fault.CALLS);
        model.addAttribute("accounts", RecordViews.of(accounts.latest(50)));
        model.addAttribute("accountCount", accounts.count());
        model.addAttribute("posts", RecordViews.of(containers.latestPosts(20)));
        return "sandbox";
    }

    @PostMapping("/sandbox/admin/settings")
    String settings(@RequestParam int latencyMs, @RequestParam int processingDelayMs, @RequestParam int publishQuota,
                    @RequestParam int hourlyCallBudget, RedirectAttributes redirect) {
        if (latencyMs < 0 || latencyMs > 60_000 || processingDelayMs < 0 || processingDelayMs > 3_600_000
                || publishQuota < 0 || publishQuota > 10_000 || hourlyCallBudget < 1) {
            return problem(redirect, "Latency is 0 to 60000 ms, processing delay 0 to 3600000 ms, quota 0 to 10000 "
                    + "and the hourly call budget at least 1. Nothing was changed.");
        }
        behaviour.update(Duration.ofMillis(latencyMs), Duration.ofMillis(processingDelayMs), publishQuota,
                hourlyCallBudget, actor());
        return notice(redirect, "Sandbox settings saved; every instance uses them from now on.");
    }

    @PostMapping("/sandbox/admin/faults")
    String addFault(@RequestParam String error, @RequestParam String call, @RequestParam int ratePercent,
                    @RequestParam(required = false) @Nullable Integer times,
                    @RequestParam(required = false) @Nullable Long accountId, RedirectAttributes redirect) {
        var entry = FaultCatalog.ENTRIES.stream().filter(e -> e.key().equals(error)).findFirst();
        if (entry.isEmpty() || !Fault.CALLS.contains(call) || ratePercent < 1 || ratePercent > 100
                || times != null && times < 1) {
            return problem(redirect, "Choose an error from the list, a call, a rate of 1 to 100 % and, if you want "
                    + "a limit, at least one call. Nothing was added.");
        }
        behaviour.addFault(entry.get().code(), entry.get().subcode(), call, accountId, ratePercent / 100.0, times);
        return notice(redirect, "Injecting " + entry.get().key() + " (" + entry.get().meaning() + ") into "
                + ratePercent + " % of " + call + " calls" + (times == null ? "" : ", " + times + " times") + ".");
    }

    @PostMapping("/sandbox/admin/faults/{id}/delete")
    String removeFault(@PathVariable long id, RedirectAttributes redirect) {
        behaviour.removeFault(id);
        return notice(redirect, "Fault removed.");
    }

    @PostMapping("/sandbox/admin/usage")
    String usage(@RequestParam String scope, @RequestParam int percent, @RequestParam int regainMinutes,
                 RedirectAttributes redirect) {
        boolean validScope = scope.equals(UsageFloor.APP) || scope.equals(UsageFloor.EVERY_ACCOUNT) || scope.matches("\\d{1,19}");
        if (!validScope || percent < 0 || percent > 100 || regainMinutes < 0) {
            return problem(redirect, "The scope is app, accounts or an account id; usage 0 to 100 %; regain minutes "
                    + "0 or more. Nothing was changed.");
        }
        behaviour.setFloor(scope, percent, regainMinutes);
        return notice(redirect, percent == 0 ? "Usage floor for " + scope + " removed."
                : "Usage for " + scope + " reported at " + percent + " % at least"
                + (percent >= 100 ? ": its calls are throttled." : "."));
    }

    @PostMapping("/sandbox/admin/reset")
    String reset(RedirectAttributes redirect) {
        behaviour.clear();
        return notice(redirect, "Every injected fault and usage floor removed.");
    }

    @PostMapping("/sandbox/admin/accounts/{id}/revoke")
    String revoke(@PathVariable long id, RedirectAttributes redirect) {
        int revoked = accounts.revokeTokens(id);
        return notice(redirect, revoked + " token(s) of sandbox account " + id + " revoked: calls with them fail "
                + "with 190/460 until the account is reconnected.");
    }

    @PostMapping("/sandbox/admin/accounts/{id}/age")
    String age(@PathVariable long id, RedirectAttributes redirect) {
        int aged = accounts.ageTokens(id);
        return notice(redirect, aged + " token(s) of sandbox account " + id + " now expire within a day; a health "
                + "check refreshes them.");
    }

    private static String actor() {
        return CurrentOperator.get().map(CurrentOperator::username).orElse("system");
    }

    private static String notice(RedirectAttributes redirect, String message) {
        redirect.addFlashAttribute("notice", message);
        return BACK;
    }

    private static String problem(RedirectAttributes redirect, String message) {
        redirect.addFlashAttribute("problem", message);
        return BACK;
    }
}
