package io.switchboard.dashboard;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import io.switchboard.accounts.Account;
import io.switchboard.accounts.AccountProblem;
import io.switchboard.accounts.AccountTaskRef;
import io.switchboard.accounts.Accounts;
import io.switchboard.platform.PlatformProblem;
import io.switchboard.platform.PlatformResult;
import io.switchboard.proxies.Proxies;
import io.switchboard.publishing.Campaign;
import io.switchboard.publishing.CampaignPost;
import io.switchboard.publishing.Campaigns;
import io.switchboard.publishing.PublishingQuota;
import io.switchboard.publishing.PublishingQuotas;
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

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One account: profile, status with its reason, token expiry and last check, the live publishing quota (read
 * from the platform when the page asks), its egress route, drift from the desired profile, settings, and its recent
 * tasks.
 */
@Controller
class AccountDetailController {
    private final Accounts accounts;
    private final PublishingQuotas quotas;
    private final Tasks tasks;
    private final Proxies proxies;
    private final Campaigns campaigns;
    private final PostRows rows;

    private final io.switchboard.media.MediaLibrary media;
    private final Formats formats;
    private final io.switchboard.publishing.SavedLocations locations;

    /** A post in the profile grid preview, with its first media's thumbnail. */
    record GridPost(CampaignPost post, String thumbnail, String label) {
    }

    AccountDetailController(Accounts accounts, PublishingQuotas quotas, Tasks tasks, Proxies proxies,
                            Campaigns campaigns, PostRows rows, io.switchboard.media.MediaLibrary media,
                            Formats formats, io.switchboard.publishing.SavedLocations locations) {
        this.locations = locations;
        this.media = media;
        this.formats = formats;
        this.accounts = accounts;
        this.quotas = quotas;
        this.tasks = tasks;
        this.proxies = proxies;
        this.campaigns = campaigns;
        this.rows = rows;
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
        model.addAttribute("savedLocations", locations.list());
        model.addAttribute("defaultLocation", locations.defaultOf(id).orElse(null));
        List<RecentTask> recent = accounts.recentTasks(id, 10).stream()
                .flatMap(ref -> tasks.detail(ref.taskId()).map(d -> new RecentTask(ref, d)).stream()).toList();
        model.addAttribute("tasks", recent);
        model.addAttribute("grid", campaigns.profileGridOf(id).stream().map(p -> new GridPost(p,
                media.pagePath(p.mediaIds().getFirst(), io.switchboard.media.RenditionKind.THUMBNAIL),
                p.publishedAt() == null ? "Post " + p.number() + ", " + p.status().label() + ", planned for "
                        + formats.time(p.scheduledAt()) : "Published " + formats.time(p.publishedAt()))).toList());
        List<CampaignPost> latest = campaigns.latestPostsOf(id, 10);
        Map<Long, Campaign> byId = new HashMap<>();
        latest.stream().map(CampaignPost::campaignId).distinct()
                .forEach(c -> campaigns.find(c).ifPresent(found -> byId.put(c, found)));
        model.addAttribute("posts", rows.of(latest.stream().filter(p -> byId.containsKey(p.campaignId())).toList(), byId));
        Map<Long, String> names = new HashMap<>();
        byId.forEach((c, campaign) -> names.put(c, campaign.name()));
        model.addAttribute("campaignNames", names);
        if (!model.containsAttribute("settings")) {
            model.addAttribute("settings", Settings.of(account));
        }
        return "account-detail";
    }

    @HxRequest
    @GetMapping("/accounts/{id}/quota")
    String quota(@PathVariable long id, Model model) {
        switch (quotas.of(id)) {
            case PlatformResult.Ok<PublishingQuota>(PublishingQuota limit) -> model.addAttribute("limit", limit);
            case PlatformResult.Failed<PublishingQuota>(PlatformProblem problem) ->
                    model.addAttribute("quotaProblem", problem.message());
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
        return act(id, redirect, () -> accounts.enable(id), "Enabled: its held posts go on, and a health check runs now.");
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
