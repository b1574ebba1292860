package io.switchboard.dashboard;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.switchboard.accounts.AccountFilter;
import io.switchboard.accounts.AccountStatus;
import io.switchboard.accounts.Accounts;
import io.switchboard.identity.CurrentOperator;
import io.switchboard.media.MediaFilter;
import io.switchboard.media.MediaLibrary;
import io.switchboard.media.MediaStatus;
import io.switchboard.media.RenditionKind;
import io.switchboard.publishing.Campaign;
import io.switchboard.infrastructure.Durations;
import io.switchboard.publishing.CampaignPost;
import io.switchboard.publishing.FirstComment;
import io.switchboard.publishing.CampaignPosts;
import io.switchboard.publishing.CampaignStatus;
import io.switchboard.publishing.PostCounts;
import io.switchboard.publishing.Schedule;
import io.switchboard.publishing.CampaignProblem;
import io.switchboard.publishing.CampaignSpec;
import io.switchboard.publishing.Campaigns;
import io.switchboard.publishing.PostCounts;
import io.switchboard.publishing.PostStatus;
import io.switchboard.publishing.Plan;
import io.switchboard.publishing.PlanPage;
import io.switchboard.publishing.Preview;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Campaigns: the list, the form with its preview, the launch, and a campaign's live page and commands. */
@Controller
class CampaignsController {
    /** As many as the other lists (50): at 100 rows the posts table was most of the campaign page's document. */
    static final int POSTS_PER_PAGE = 50;
    static final int ACCOUNTS_SHOWN = 50;
    static final int LOOKS = 6;
    /** Planned posts shown at once on the preview. */
    static final int PLAN_PAGE = 50;
    private final Campaigns campaigns;
    private final Accounts accounts;
    private final MediaLibrary media;
    private final CampaignPosts posts;
    private final PostRows rows;
    private final FormChecks checks;
    private final io.switchboard.publishing.Approvals approvals;
    private final io.switchboard.publishing.ReviewLinks reviewLinks;
    private final io.switchboard.insights.Insights insights;
    private final io.switchboard.publishing.SavedLocations locations;

    CampaignsController(Campaigns campaigns, Accounts accounts, MediaLibrary media,
                        CampaignPosts posts, PostRows rows, FormChecks checks,
                        io.switchboard.publishing.Approvals approvals, io.switchboard.publishing.ReviewLinks reviewLinks,
                        io.switchboard.insights.Insights insights, io.switchboard.publishing.SavedLocations locations) {
        this.insights = insights;
        this.locations = locations;
        this.approvals = approvals;
        this.reviewLinks = reviewLinks;
        this.campaigns = campaigns;
        this.accounts = accounts;
        this.media = media;
        this.posts = posts;
        this.rows = rows;
        this.checks = checks;
    }

    @GetMapping("/campaigns")
    String list(@RequestParam(required = false) @Nullable Long before, HtmxRequest htmx, Model model) {
        var page = campaigns.list(before, 50);
        model.addAttribute("campaigns", page);
        model.addAttribute("counts", campaigns.counts(page.stream().map(Campaign::id).toList()));
        model.addAttribute("nextBefore", page.size() == 50 ? page.getLast().id() : null);
        return Fragments.wanted(htmx) ? "campaigns :: live" : "campaigns";
    }

    @GetMapping("/campaigns/new")
    String form(@RequestParam(required = false) @Nullable Long suggestedFor, Model model) {
        if (!model.containsAttribute("form") && suggestedFor != null) {
            var account = accounts.find(suggestedFor);
            var slot = account.flatMap(a -> insights.suggestedSlot(a.id()));
            if (account.isPresent() && slot.isPresent()) {
                model.addAttribute("form", CampaignForm.forAccountAt(suggestedFor,
                        slot.get().nextStart(Instant.now(), java.time.Duration.ofMinutes(10))));
                model.addAttribute("notice", "Starts at @" + account.get().username() + "'s suggested slot, "
                        + slot.get().words() + ": choose the media, or change the start.");
            } else if (account.isPresent()) {
                model.addAttribute("problem", "@" + account.get().username() + " has no suggested slot yet (an hour "
                        + "needs at least two measured posts): choose the start yourself.");
            }
        }
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", CampaignForm.blank());
        }
        choices(model);
        return "campaign-form";
    }

    /**
     * A campaign that waits for review, in its form again with everything it had (its start in UTC), to be previewed
     * and saved; a launched one is edited post by post and is sent back to its page.
     */
    @GetMapping("/campaigns/{id}/edit")
    String editWhole(@PathVariable long id, Model model, RedirectAttributes redirect) {
        Campaign campaign = campaigns.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No campaign " + id));
        if (!campaigns.editable(campaign)) {
            redirect.addFlashAttribute("problem", "“" + campaign.name() + "” is " + campaign.status().label()
                    + ": only a campaign waiting for review, or with changes requested, is edited whole. Edit its "
                    + "posts one by one from their pages.");
            return "redirect:/campaigns/" + id;
        }
        CampaignForm form = CampaignForm.of(campaign.spec());
        model.addAttribute("form", form);
        model.addAttribute("igFields", form.instagramFields());
        model.addAttribute("revising", campaign);
        choices(model);
        return "campaign-form";
    }

    /** Back from the preview to the form, with everything as it was. */
    @PostMapping("/campaigns/edit")
    String edit(@ModelAttribute("form") CampaignForm form, HttpServletRequest request,
                @RequestParam(required = false) @Nullable Long revising, Model model) {
        model.addAttribute("igFields", form.withOverridesFrom(request.getParameterMap()).instagramFields());
        revising(revising, model);
        choices(model);
        return "campaign-form";
    }

    /** The per-account overrides' empty rows, loaded when the form's closed overrides open (none was typed). */
    @GetMapping("/campaigns/overrides")
    String overrides(Model model) {
        model.addAttribute("accountChoices", accountChoices());
        model.addAttribute("ig", InstagramFields.blank());
        return "fragments/instagram-options :: moreOverrides";
    }

    @PostMapping("/campaigns/preview")
    String preview(@ModelAttribute("form") CampaignForm bound, BindingResult errors, HttpServletRequest request,
                   @RequestParam(defaultValue = "0") int postsFrom,
                   @RequestParam(required = false) @Nullable Long revising,
                   @RequestParam(required = false) java.util.@Nullable UUID draft, Model model) {
        checks.validate(bound, errors);
        revising(revising, model);
        CampaignForm form = bound.withOverridesFrom(request.getParameterMap()).withSavedLocations(savedLocationIds());
        // the bound form stays the model's "form" (its BindingResult goes with it); the rows read from the request
        model.addAttribute("igFields", form.instagramFields());
        Map<Long, List<String>> overrideErrors = new HashMap<>();
        CampaignSpec spec = form.toSpec(errors, Instant.now(), overrideErrors);
        if (spec == null) {
            choices(model);
            model.addAttribute("overrideErrors", overrideErrors);
            return "campaign-form";
        }
        showPreview(campaigns.previewPage(spec, revising, draft, postsFrom, PLAN_PAGE, actor()), spec, model);
        return "campaign-preview";
    }

    /** The campaign being edited whole, for the form and the preview to carry (none: a new campaign). */
    private void revising(@Nullable Long campaignId, Model model) {
        if (campaignId != null) {
            model.addAttribute("revising", campaigns.find(campaignId).orElseThrow(() ->
                    new ResponseStatusException(HttpStatus.NOT_FOUND, "No campaign " + campaignId)));
        }
    }

    @PostMapping("/campaigns")
    String launch(@ModelAttribute("form") CampaignForm bound, BindingResult errors, HttpServletRequest request,
                  @RequestParam(required = false) @Nullable Long revising,
                  @RequestParam(required = false) java.util.@Nullable UUID draft, Model model,
                  RedirectAttributes redirect) {
        checks.validate(bound, errors);
        revising(revising, model);
        CampaignForm form = bound.withOverridesFrom(request.getParameterMap()).withSavedLocations(savedLocationIds());
        // the bound form stays the model's "form" (its BindingResult goes with it); the rows read from the request
        model.addAttribute("igFields", form.instagramFields());
        Map<Long, List<String>> overrideErrors = new HashMap<>();
        CampaignSpec spec = form.toSpec(errors, Instant.now(), overrideErrors);
        if (spec == null) {
            choices(model);
            model.addAttribute("overrideErrors", overrideErrors);
            return "campaign-form";
        }
        try {
            if (revising != null) {
                campaigns.revise(revising, spec, actor());
                redirect.addFlashAttribute("notice", "Saved and sent for review again: nothing goes out until it is "
                        + "approved.");
                return "redirect:/campaigns/" + revising;
            }
            // the plan the operator saw, kept by the preview; a form posted without one is planned here
            long id = draft == null ? campaigns.launch(spec, actor()) : campaigns.launch(draft, spec, actor());
            boolean inReview = campaigns.find(id).map(c -> c.status() == CampaignStatus.IN_REVIEW).orElse(false);
            redirect.addFlashAttribute("notice", inReview ? "Sent for review: nothing goes out until it is approved."
                    : "Launched. Posts go out as scheduled; this page follows them live.");
            return "redirect:/campaigns/" + id;
        } catch (CampaignProblem problem) {
            model.addAttribute("problem", problem.getMessage());
            showPreview(campaigns.previewPage(spec, revising, draft, 0, PLAN_PAGE, actor()), spec, model);
            return "campaign-preview";
        }
    }

    @GetMapping("/campaigns/{id}")
    String detail(@PathVariable long id, @RequestParam(required = false) @Nullable PostStatus status,
                  @RequestParam(required = false) @Nullable Long account,
                  @RequestParam(defaultValue = "0") int after, HtmxRequest htmx, Model model) {
        var campaign = campaigns.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No campaign " + id));
        List<CampaignPost> posts = campaigns.posts(id, status, account, Math.max(0, after), POSTS_PER_PAGE);
        var allAccounts = campaigns.countsByAccount(id);
        // a campaign can span thousands of accounts: those with failed or held posts first, a page's worth
        Map<Long, PostCounts> byAccount = new LinkedHashMap<>();
        allAccounts.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<Long, PostCounts> e) -> -trouble(e.getValue()))
                        .thenComparing(Map.Entry::getKey))
                .limit(ACCOUNTS_SHOWN).forEach(e -> byAccount.put(e.getKey(), e.getValue()));
        Set<Long> named = new HashSet<>(byAccount.keySet());
        posts.forEach(p -> named.add(p.accountId()));
        Map<Long, String> usernames = new HashMap<>(accounts.usernames(named));
        named.forEach(a -> usernames.putIfAbsent(a, "#" + a + " (removed)"));
        model.addAttribute("accountCount", allAccounts.size());
        PostCounts counts = campaigns.counts(id);
        model.addAttribute("campaign", campaign);
        model.addAttribute("comments", approvals.comments(id));
        model.addAttribute("approvalState", approvals.state(campaign));
        model.addAttribute("mayDecide", approvals.mayDecide(campaign, actor()));
        model.addAttribute("fourEyes", approvals.fourEyes());
        model.addAttribute("reviewLinks", reviewLinks.of(id));
        model.addAttribute("now", java.time.OffsetDateTime.now());
        model.addAttribute("counts", counts);
        model.addAttribute("byAccount", byAccount);
        model.addAttribute("usernames", usernames);
        model.addAttribute("platforms", accounts.platforms(named));
        model.addAttribute("rows", rows.of(campaign, posts));
        model.addAttribute("mediaTitles", mediaTitles(posts));
        Map<Long, FirstComment> firstComments = this.posts.firstComments(posts.stream().map(CampaignPost::id).toList());
        model.addAttribute("firstComments", firstComments);
        model.addAttribute("statuses", PostStatus.values());
        model.addAttribute("present", Arrays.stream(PostStatus.values()).filter(s -> counts.get(s) > 0).toList());
        // a finished or cancelled campaign whose posts have all come to an end changes no more: the page stops asking
        // a published post's first comment may still be on its way: the page keeps asking until it is posted or failed
        model.addAttribute("live", campaign.status() == CampaignStatus.RUNNING || campaign.status() == CampaignStatus.PAUSED
                || counts.finished() < counts.total()
                || firstComments.values().stream().anyMatch(c -> c.status() == FirstComment.Status.PENDING));
        model.addAttribute("schedule", schedule(campaign));
        model.addAttribute("status", status);
        model.addAttribute("account", account);
        model.addAttribute("after", after);
        model.addAttribute("nextAfter", posts.size() == POSTS_PER_PAGE ? posts.getLast().number() : null);
        return Fragments.wanted(htmx) ? "campaign :: live" : "campaign";
    }

    @PostMapping("/campaigns/{id}/pause")
    String pause(@PathVariable long id, RedirectAttributes redirect) {
        return command(id, redirect, () -> {
            campaigns.pause(id);
            return "Paused: no post starts until you resume; posts already with the platform finish.";
        });
    }

    @PostMapping("/campaigns/{id}/resume")
    String resume(@PathVariable long id, RedirectAttributes redirect) {
        return command(id, redirect, () -> {
            campaigns.resume(id);
            return "Resumed: posts go out as scheduled (those whose time passed go now).";
        });
    }

    @PostMapping("/campaigns/{id}/retry")
    String retry(@PathVariable long id, RedirectAttributes redirect) {
        return command(id, redirect, () -> campaigns.retryFailed(id) + " failed post(s) go out again.");
    }

    @PostMapping("/campaigns/{id}/resume-paused")
    String resumePaused(@PathVariable long id, RedirectAttributes redirect) {
        return command(id, redirect, () -> campaigns.resumePaused(id) + " paused post(s) go on.");
    }

    @PostMapping("/campaigns/{id}/posts/{postId}/retry")
    String retryPost(@PathVariable long id, @PathVariable long postId, RedirectAttributes redirect) {
        return command(id, redirect, () -> {
            posts.retry(id, postId);
            return "The post goes out again, with a new container, as soon as its account's spacing allows.";
        });
    }

    @PostMapping("/campaigns/{id}/posts/{postId}/retry-comment")
    String retryFirstComment(@PathVariable long id, @PathVariable long postId, RedirectAttributes redirect) {
        return command(id, redirect, () -> {
            posts.retryFirstComment(id, postId);
            return "The first comment is tried again; the post itself is not published again.";
        });
    }

    @PostMapping("/campaigns/{id}/posts/{postId}/cancel")
    String cancelPost(@PathVariable long id, @PathVariable long postId,
                      @RequestParam(defaultValue = "false") boolean confirmed, HttpServletRequest request, Model model,
                      RedirectAttributes redirect) {
        if (!confirmed) {
            Campaign campaign = campaigns.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "No campaign " + id));
            CampaignPost post = posts.find(List.of(postId)).get(postId);
            if (post == null || post.campaignId() != id) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No post " + postId + " in campaign " + id);
            }
            String username = accounts.usernames(List.of(post.accountId())).getOrDefault(post.accountId(), "a removed account");
            return Confirmation.of(request, "campaigns", "/campaigns/" + id, "Cancel post " + post.number() + " of “"
                    + campaign.name() + "”?", "Cancel this post", List.of("Post " + post.number() + " of @" + username
                    + " (" + post.status().label() + ") will not go out; its task is cancelled.",
                    "The campaign's other posts go on as planned.")).page(model);
        }
        return command(id, redirect, () -> {
            posts.cancel(id, postId, actor());
            return "The post is cancelled: it will not go out.";
        });
    }

    @PostMapping("/campaigns/{id}/cancel")
    String cancel(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirmed,
                  HttpServletRequest request, Model model, RedirectAttributes redirect) {
        Campaign campaign = campaigns.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No campaign " + id));
        if (!confirmed) {
            PostCounts counts = campaigns.counts(id);
            int rest = counts.get(PostStatus.SCHEDULED) + counts.get(PostStatus.WAITING_QUOTA)
                    + counts.get(PostStatus.PAUSED) + counts.get(PostStatus.PROCESSING);
            return Confirmation.of(request, "campaigns", "/campaigns/" + id,
                    "Cancel the rest of “" + campaign.name() + "”?", "Cancel " + rest + " post(s)",
                    List.of(rest + " post(s) that have not gone to the platform are cancelled: "
                                    + counts.get(PostStatus.SCHEDULED) + " scheduled, " + counts.get(PostStatus.PAUSED)
                                    + " held, " + counts.get(PostStatus.WAITING_QUOTA) + " waiting for quota, "
                                    + counts.get(PostStatus.PROCESSING) + " with the platform processing their media.",
                            counts.get(PostStatus.PUBLISHED) + " published post(s) stay published; "
                                    + counts.get(PostStatus.PUBLISHING) + " being published now finish.",
                            "A cancelled campaign cannot be resumed: launch a new one to post the rest later."))
                    .page(model);
        }
        return command(id, redirect, () -> campaigns.cancelRest(id, actor())
                + " post(s) cancelled; what was published stays published.");
    }

    @GetMapping("/campaigns/{id}/posts.csv")
    void export(@PathVariable long id, HttpServletResponse response) throws IOException {
        campaigns.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No campaign " + id));
        response.setContentType("text/csv");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"campaign-" + id + "-posts.csv\"");
        campaigns.exportCsv(id, response.getWriter());
    }

    private String command(long id, RedirectAttributes redirect, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("notice", action.get());
        } catch (CampaignProblem problem) {
            redirect.addFlashAttribute("problem", problem.getMessage());
        }
        return "redirect:/campaigns/" + id;
    }

    /** The titles of the media these posts publish, by id. */
    private Map<Long, String> mediaTitles(List<CampaignPost> shown) {
        Map<Long, String> titles = new HashMap<>();
        media.findAll(shown.stream().flatMap(p -> p.mediaIds().stream()).distinct().toList())
                .forEach(m -> titles.put(m.id(), m.title()));
        return titles;
    }

    /** The campaign's schedule in words: "at least 1 h apart, 09:00–18:00 in each account's time zone, 3 a day". */
    private static String schedule(Campaign campaign) {
        Schedule schedule = campaign.spec().schedule();
        List<String> parts = new ArrayList<>();
        parts.add(schedule.minSpacing().isZero() ? "no spacing between an account's posts"
                : "at least " + Durations.words(schedule.minSpacing()) + " between an account's posts");
        if (schedule.hasWindow()) {
            parts.add("only " + schedule.windowStart() + "–" + schedule.windowEnd() + " in each account's time zone");
        }
        parts.add("at most " + schedule.dailyMax() + " a day per account");
        return String.join(", ", parts);
    }

    private static int trouble(PostCounts counts) {
        return counts.get(PostStatus.FAILED) + counts.get(PostStatus.PAUSED);
    }

    /** A planned post as the platform will show it. */
    record Look(io.switchboard.platform.Platform platform, String username, List<String> thumbnails,
                io.switchboard.publishing.CaptionPreview caption) {
    }

    /**
     * The preview shows one page of the plan's posts (a plan of 200,000 posts is not one table) with the real total;
     * the whole plan was checked when it was made, and its problems are counted above by kind.
     */
    private void showPreview(PlanPage plan, CampaignSpec spec, Model model) {
        model.addAttribute("plan", plan);
        model.addAttribute("options", spec.options());
        model.addAttribute("postType", spec.options().type());
        model.addAttribute("looks", plan.first().stream().limit(LOOKS).map(p -> {
            Preview.TargetView account = plan.accounts().get(p.accountId());
            return new Look(account.platform(), account.username(),
                    p.mediaIds().stream().map(m -> media.pagePath(m, io.switchboard.media.RenditionKind.THUMBNAIL)).toList(),
                    io.switchboard.publishing.CaptionPreview.of(p.caption(), account.platform()));
        }).toList());
        // TikTok's declaration goes beside the button only when the campaign posts to TikTok
        model.addAttribute("toTikTok", plan.accounts().values().stream()
                .anyMatch(a -> a.platform() == io.switchboard.platform.Platform.TIKTOK));
        model.addAttribute("planPage", PLAN_PAGE);
    }

    /** Saved locations' Page ids by lower-case name, for locations chosen by name alone. */
    private Map<String, String> savedLocationIds() {
        Map<String, String> ids = new HashMap<>();
        locations.list().forEach(l -> ids.put(l.name().toLowerCase(java.util.Locale.ROOT), l.pageId()));
        return ids;
    }

    private void choices(Model model) {
        model.addAttribute("savedLocations", locations.list());
        model.addAttribute("accountChoices", accountChoices());
        model.addAttribute("accountTags", accounts.tags().keySet());
        var ready = media.list(new MediaFilter(null, MediaStatus.READY, null, null), null, 200).items();
        model.addAttribute("mediaChoices", ready);
        Map<Long, String> covers = new HashMap<>();
        ready.forEach(m -> covers.put(m.id(), media.pagePath(m.id(), RenditionKind.COVER)));
        model.addAttribute("covers", covers);
    }

    private List<io.switchboard.accounts.Account> accountChoices() {
        return accounts.list(new AccountFilter(AccountStatus.ACTIVE, null, null, null), null, 200).accounts();
    }

    private static String actor() {
        return CurrentOperator.get().map(CurrentOperator::username).orElse("system");
    }
}
