package io.switchboard.dashboard;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import io.switchboard.accounts.Account;
import io.switchboard.accounts.AccountProblem;
import io.switchboard.accounts.AccountTaskRef;
import io.switchboard.accounts.Accounts;
import io.switchboard.platform.GraphProblem;
import io.switchboard.platform.GraphResult;
import io.switchboard.platform.InstagramGraph;
import io.switchboard.platform.PublishingLimit;
import io.switchboard.proxies.Proxies;
import io.switchboard.publishing.Campaigns;
import io.switchboard.tasks.TaskDetail;
import io.switchboard.tasks.Tasks;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;

/**
 * One account: profile, status with its reason, token expiry and last check, the live publishing quota (read
 * from the platform when the page asks), its egress route, drift from the desired profile, settings, and its recent
 * tasks.
 */
@Controller
class AccountDetailController {
    private final Accounts accounts;
    private final InstagramGraph graph;
    private final Tasks tasks;
    private final Proxies proxies;
    private final Campaigns campaigns;

    AccountDetailController(Accounts accounts, InstagramGraph graph, Tasks tasks, Proxies proxies, Campaigns campaigns) {
        this.accounts = accounts;
        this.graph = graph;
        this.tasks = tasks;
        this.proxies = proxies;
        this.campaigns = campaigns;
    }

    /**
     * The settings form as typed (public: the template binds it). The accounts module checks every field and
     * names every mistake at once.
     */
    public record Settings(String timeZone, String tags, String notes, String desiredBiography, String desiredWebsite) {

        static Settings of(Account account) {
            return new Settings(account.timeZone().getId(), String.join("; ", account.tags()), account.notes(),
                    account.desiredBiography() == null ? "" : account.desiredBiography(),
                    account.desiredWebsite() == null ? "" : account.desiredWebsite());
        }
    }

    /** A task of the account as its page lists it (public: templates read it). */
    public record RecentTask(AccountTaskRef ref, TaskDetail detail) {
    }

    @GetMapping("/accounts/{id}")
    String detail(@PathVariable long id, Model model) {
        Account account = accounts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("account", account);
        model.addAttribute("route", proxies.routeOf(id));
        List<RecentTask> recent = accounts.recentTasks(id, 10).stream()
                .flatMap(ref -> tasks.detail(ref.taskId()).map(d -> new RecentTask(ref, d)).stream()).toList();
        model.addAttribute("tasks", recent);
        model.addAttribute("posts", campaigns.latestPostsOf(id, 10));
        if (!model.containsAttribute("settings")) {
            model.addAttribute("settings", Settings.of(account));
        }
        return "account-detail";
    }

    @HxRequest
    @GetMapping("/accounts/{id}/quota")
    String quota(@PathVariable long id, Model model) {
        switch (graph.publishingLimit(accounts.credentials(id))) {
            case GraphResult.Ok<PublishingLimit>(PublishingLimit limit) -> model.addAttribute("limit", limit);
            case GraphResult.Failed<PublishingLimit>(GraphProblem problem) ->
                    model.addAttribute("quotaProblem", problem.error().summary());
        }
        model.addAttribute("accountId", id);
        return "account-detail :: quota";
    }

    @GetMapping("/accounts/{id}/quota")
    String quotaWithoutHtmx(@PathVariable long id) {
        return "redirect:/accounts/" + id;
    }

    /** Every mistake beside its field, and the page again with everything as typed; nothing saved until all is right. */
    @PostMapping("/accounts/{id}/settings")
    String settings(@PathVariable long id, @ModelAttribute("settings") Settings form, BindingResult errors,
                    Model model, RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                accounts.update(id, form.timeZone(), form.tags(), form.notes(), form.desiredBiography(),
                        form.desiredWebsite());
                redirect.addFlashAttribute("notice", "Settings saved.");
                return "redirect:/accounts/" + id;
            } catch (AccountProblem problem) {
                FormChecks.reject(errors, problem);
            }
        }
        return detail(id, model);
    }

    @PostMapping("/accounts/{id}/health")
    String health(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, redirect, () -> accounts.checkHealth(List.of(id)), "Token health check started.");
    }

    @PostMapping("/accounts/{id}/audit")
    String audit(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, redirect, () -> accounts.audit(List.of(id)), "Profile audit started.");
    }

    @PostMapping("/accounts/{id}/enable")
    String enable(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, redirect, () -> accounts.enable(id), "Enabled; a health check runs now.");
    }

    @PostMapping("/accounts/{id}/disable")
    String disable(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirmed,
                   HttpServletRequest request, Model model, RedirectAttributes redirect) {
        if (!confirmed) {
            Account account = accounts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            return Confirmation.of(request, "accounts", "/accounts/" + id, "Disable @" + account.username() + "?",
                    "Disable @" + account.username(), List.of(
                            "No work is done for it until an operator enables it: no publishing, token checks or audits.",
                            campaigns.unfinishedPostsOf(List.of(id)) + " of its posts not published yet are held until then."))
                    .page(model);
        }
        return act(id, redirect, () -> accounts.disable(List.of(id)), "Disabled: no work is done for it until enabled.");
    }

    private static String act(long id, RedirectAttributes redirect, Runnable command, String notice) {
        try {
            command.run();
            redirect.addFlashAttribute("notice", notice);
        } catch (AccountProblem problem) {
            redirect.addFlashAttribute("problem", problem.getMessage());
        }
        return "redirect:/accounts/" + id;
    }
}
