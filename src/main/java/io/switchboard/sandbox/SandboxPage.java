package io.switchboard.sandbox;

import io.switchboard.audit.AuditRecord;
import io.switchboard.audit.AuditTrail;
import io.switchboard.identity.CurrentOperator;
import io.switchboard.infrastructure.WholeNumber;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ADMIN page "Sandbox": latency, processing delay, quota, injected errors from the platform's table, usage
 * floors that make the client hold off or the sandbox throttle, and the sandbox's accounts and latest posts.
 * Everything is stored in the database, so it applies on every instance at once. Accounts are named by username;
 * a form with a mistake comes back as typed, each mistake beside its field.
 */
@Controller
@Conditional(SandboxEnabled.class)
class SandboxPage {
    private static final String BACK = "redirect:/sandbox";
    private final BehaviourStore behaviour;
    private final AccountStore accounts;
    private final ContainerStore containers;
    /** Bean Validation after binding (with {@code @Valid}, a record breaking a constraint would never be built). */
    private final SpringValidatorAdapter validator;
    private final AuditTrail audit;

    SandboxPage(BehaviourStore behaviour, AccountStore accounts, ContainerStore containers, Validator validator,
                AuditTrail audit) {
        this.audit = audit;
        this.behaviour = behaviour;
        this.accounts = accounts;
        this.containers = containers;
        this.validator = new SpringValidatorAdapter(validator);
    }

    record BehaviourForm(@WholeNumber(max = 60_000, message = "Enter 0 to 60000 ms.") String latencyMs,
                         @WholeNumber(max = 3_600_000, message = "Enter 0 to 3600000 ms (an hour).") String processingDelayMs,
                         @WholeNumber(max = 10_000, message = "Enter 0 to 10000 posts.") String publishQuota,
                         @WholeNumber(min = 1, max = 1_000_000, message = "Enter 1 to 1000000 calls.") String hourlyCallBudget) {
    }

    /** @param account a sandbox account's username (with or without @); empty: every account */
    record FaultForm(String error, String call,
                     @WholeNumber(min = 1, max = 100, message = "Enter a rate from 1 to 100 %.") String ratePercent,
                     @WholeNumber(min = 1, max = 1_000_000, optional = true,
                             message = "Enter how many calls, 1 or more, or leave it empty for every call.") String times,
                     String account) {
    }

    /** @param scope app, accounts (each one) or a sandbox account's username */
    record UsageForm(String scope, @WholeNumber(max = 100, message = "Enter 0 to 100 %.") String percent,
                     @WholeNumber(max = 10_080, message = "Enter 0 to 10080 minutes (a week).") String regainMinutes) {
    }

    @GetMapping("/sandbox")
    String page(Model model) {
        var settings = behaviour.settings();
        model.addAttribute("settings", RecordViews.of(settings));
        if (!model.containsAttribute("behaviourForm")) {
            model.addAttribute("behaviourForm", new BehaviourForm(String.valueOf(settings.latency().toMillis()),
                    String.valueOf(settings.processingDelay().toMillis()), String.valueOf(settings.publishQuota()),
                    String.valueOf(settings.hourlyCallBudget())));
        }
        if (!model.containsAttribute("faultForm")) {
            model.addAttribute("faultForm", new FaultForm(FaultCatalog.ENTRIES.getFirst().key(), "any", "100", "", ""));
        }
        if (!model.containsAttribute("usageForm")) {
            model.addAttribute("usageForm", new UsageForm(UsageFloor.EVERY_ACCOUNT, "95", "10"));
        }
        List<Fault> faults = behaviour.faults();
        List<SandboxPost> posts = containers.latestPosts(20);
        Set<Long> named = new HashSet<>();
        faults.forEach(f -> Optional.ofNullable(f.accountId()).ifPresent(named::add));
        posts.forEach(p -> named.add(p.accountId()));
        Map<Long, String> usernames = named.isEmpty() ? Map.of() : accounts.usernames(named);
        model.addAttribute("faults", faults.stream().map(f -> {
            Map<String, Object> view = new java.util.LinkedHashMap<>(RecordViews.of(f));
            view.put("key", f.entry().key());
            view.put("meaning", f.entry().meaning());
            view.put("account", f.accountId() == null ? null : "@" + usernames.getOrDefault(f.accountId(), "#" + f.accountId()));
            return view;
        }).toList());
        model.addAttribute("floors", behaviour.floors().stream().map(f -> Map.of("scope", scopeName(f.scope()),
                "percent", f.percent(), "regainMinutes", f.regainMinutes())).toList());
        model.addAttribute("catalog", FaultCatalog.ENTRIES.stream().map(e -> Map.of("key", e.key(), "meaning", e.meaning())).toList());
        model.addAttribute("calls", Fault.CALLS);
        model.addAttribute("accounts", RecordViews.of(accounts.latest(50)));
        model.addAttribute("accountCount", accounts.count());
        model.addAttribute("posts", posts.stream().map(p -> {
            Map<String, Object> view = new java.util.LinkedHashMap<>(RecordViews.of(p));
            view.put("username", usernames.getOrDefault(p.accountId(), "#" + p.accountId()));
            return view;
        }).toList());
        return "sandbox";
    }

    @PostMapping("/sandbox/admin/settings")
    String settings(@ModelAttribute("behaviourForm") BehaviourForm form, BindingResult errors, Model model,
                    RedirectAttributes redirect) {
        validator.validate(form, errors);
        if (errors.hasErrors()) {
            return page(model);
        }
        SandboxSettings before = behaviour.settings();
        behaviour.update(Duration.ofMillis(Long.parseLong(form.latencyMs().strip())),
                Duration.ofMillis(Long.parseLong(form.processingDelayMs().strip())),
                Integer.parseInt(form.publishQuota().strip()), Integer.parseInt(form.hourlyCallBudget().strip()), actor());
        SandboxSettings after = behaviour.settings();
        audit.record(AuditRecord.of("sandbox.settings", "sandbox", null).target("sandbox settings")
                .change("latency", before.latency().toMillis() + " ms", after.latency().toMillis() + " ms")
                .change("processing_delay", before.processingDelay().toMillis() + " ms",
                        after.processingDelay().toMillis() + " ms")
                .change("publish_quota", before.publishQuota(), after.publishQuota())
                .change("hourly_call_budget", before.hourlyCallBudget(), after.hourlyCallBudget()));
        return notice(redirect, "Sandbox settings saved; every instance uses them from now on.");
    }

    @PostMapping("/sandbox/admin/faults")
    String addFault(@ModelAttribute("faultForm") FaultForm form, BindingResult errors, Model model,
                    RedirectAttributes redirect) {
        validator.validate(form, errors);
        var entry = FaultCatalog.ENTRIES.stream().filter(e -> e.key().equals(form.error())).findFirst();
        if (entry.isEmpty()) {
            errors.rejectValue("error", "unknown", "Choose an error from the list.");
        }
        if (!Fault.CALLS.contains(form.call())) {
            errors.rejectValue("call", "unknown", "Choose the calls from the list.");
        }
        Long accountId = form.account() == null || form.account().isBlank() ? null
                : account(form.account(), "account", errors);
        if (errors.hasErrors()) {
            return page(model);
        }
        Integer times = form.times() == null || form.times().isBlank() ? null : Integer.valueOf(form.times().strip());
        int rate = Integer.parseInt(form.ratePercent().strip());
        behaviour.addFault(entry.orElseThrow().code(), entry.get().subcode(), form.call(), accountId, rate / 100.0, times);
        return notice(redirect, "Injecting " + entry.get().key() + " (" + entry.get().meaning() + ") into "
                + rate + " % of " + form.call() + " calls" + (accountId == null ? "" : " of " + form.account().strip())
                + (times == null ? "" : ", " + times + " times") + ".");
    }

    @PostMapping("/sandbox/admin/faults/{id}/delete")
    String removeFault(@PathVariable long id, RedirectAttributes redirect) {
        behaviour.removeFault(id);
        return notice(redirect, "Fault removed.");
    }

    @PostMapping("/sandbox/admin/usage")
    String usage(@ModelAttribute("usageForm") UsageForm form, BindingResult errors, Model model,
                 RedirectAttributes redirect) {
        validator.validate(form, errors);
        String typed = form.scope() == null ? "" : form.scope().strip();
        String scope = typed.equals(UsageFloor.APP) || typed.equals(UsageFloor.EVERY_ACCOUNT) ? typed : null;
        if (scope == null) {
            Long id = typed.isEmpty() ? null : account(typed, "scope", errors);
            if (typed.isEmpty()) {
                errors.rejectValue("scope", "required", "Enter app, accounts, or a sandbox account's username.");
            }
            scope = id == null ? null : String.valueOf(id);
        }
        if (errors.hasErrors() || scope == null) {
            return page(model);
        }
        int percent = Integer.parseInt(form.percent().strip());
        behaviour.setFloor(scope, percent, Integer.parseInt(form.regainMinutes().strip()));
        return notice(redirect, percent == 0 ? "Usage floor for " + typed + " removed."
                : "Usage for " + typed + " reported at " + percent + " % at least"
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
        return notice(redirect, revoked + " token(s) of " + named(id) + " revoked: calls with them fail with 190/460 "
                + "until the account is reconnected.");
    }

    @PostMapping("/sandbox/admin/accounts/{id}/age")
    String age(@PathVariable long id, RedirectAttributes redirect) {
        int aged = accounts.ageTokens(id);
        return notice(redirect, aged + " token(s) of " + named(id) + " now expire within a day; a health check "
                + "refreshes them.");
    }

    /** The id of the sandbox account with this username, or a mistake on the field. */
    private @Nullable Long account(String username, String field, BindingResult errors) {
        String name = username.strip().replaceFirst("^@", "");
        Optional<SandboxAccount> found = accounts.byUsername(name);
        if (found.isEmpty()) {
            errors.rejectValue(field, "unknown", "No sandbox account is called @" + name + ": pick one from the list.");
            return null;
        }
        return found.get().id();
    }

    private String scopeName(String scope) {
        if (!scope.matches("\\d{1,19}")) {
            return scope;
        }
        return accounts.byId(Long.parseLong(scope)).map(a -> "@" + a.username()).orElse("account " + scope);
    }

    private String named(long id) {
        return accounts.byId(id).map(a -> "@" + a.username()).orElse("sandbox account " + id);
    }

    private static String actor() {
        return CurrentOperator.get().map(CurrentOperator::username).orElse("system");
    }

    private static String notice(RedirectAttributes redirect, String message) {
        redirect.addFlashAttribute("notice", message);
        return BACK;
    }
}
