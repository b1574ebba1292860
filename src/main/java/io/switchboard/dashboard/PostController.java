package io.switchboard.dashboard;

import io.switchboard.accounts.Accounts;
import io.switchboard.infrastructure.Problem;
import io.switchboard.media.MediaLibrary;
import io.switchboard.media.RenditionKind;
import io.switchboard.platform.Platform;
import io.switchboard.publishing.Approvals;
import io.switchboard.publishing.CampaignPost;
import io.switchboard.publishing.CampaignPosts;
import io.switchboard.publishing.Campaigns;
import io.switchboard.publishing.CaptionPreview;
import io.switchboard.publishing.PostChanges;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One post: where it stands, its preview as the platform will show it, and, before its publish begins, its caption
 * and time edited (re-checked like the plan; refused beside the field, what was typed kept) or the post cancelled;
 * comments on it, shown with the campaign's.
 */
@Controller
class PostController {
    private static final int MAX_TYPED = 10_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private final CampaignPosts posts;
    private final Campaigns campaigns;
    private final PostChanges changes;
    private final Accounts accounts;
    private final MediaLibrary media;
    private final Approvals approvals;

    PostController(CampaignPosts posts, Campaigns campaigns, PostChanges changes, Accounts accounts, MediaLibrary media,
                   Approvals approvals) {
        this.approvals = approvals;
        this.posts = posts;
        this.campaigns = campaigns;
        this.changes = changes;
        this.accounts = accounts;
        this.media = media;
    }

    /** The edit form as typed. */
    record EditForm(String caption, String date, String time, String zone) {
    }

    @GetMapping("/posts/{id}")
    String page(@PathVariable long id, @RequestParam(required = false) @Nullable String zone, Model model) {
        CampaignPost post = post(id);
        ZoneId z = zone(zone, post);
        ZonedDateTime at = post.scheduledAt().atZoneSameInstant(z);
        return render(post, new EditForm(post.caption(), at.toLocalDate().toString(), TIME.format(at), z.getId()),
                Map.of(), model);
    }

    @PostMapping("/posts/{id}/edit")
    String edit(@PathVariable long id, @RequestParam String caption, @RequestParam String date, @RequestParam String time,
                @RequestParam String zone, Model model, RedirectAttributes redirect) {
        CampaignPost post = post(id);
        EditForm form = new EditForm(caption, date, time, zone);
        Map<String, String> mistakes = new LinkedHashMap<>();
        ZoneId z = null;
        try {
            z = ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            mistakes.put("zone", "Choose a time zone from the list, such as Europe/Berlin.");
        }
        LocalDate day = null;
        LocalTime clock = null;
        try {
            day = LocalDate.parse(date.strip());
        } catch (DateTimeException e) {
            mistakes.put("date", "Enter a day as 2026-11-26.");
        }
        try {
            clock = LocalTime.parse(time.strip());
        } catch (DateTimeException e) {
            mistakes.put("time", "Enter a time as 14:30.");
        }
        if (caption.length() > 10_000) {
            mistakes.put("caption", "Shorten the caption: the platform takes at most 2,200 characters.");
        }
        if (mistakes.isEmpty()) {
            try {
                changes.edit(id, caption, day.atTime(clock).atZone(z).toInstant());
                redirect.addFlashAttribute("notice", "Saved: the post goes out as it now says.");
                return "redirect:/posts/" + id + "?zone=" + z.getId();
            } catch (Problem refused) {
                mistakes.put(refused.field().equals("caption") ? "caption" : "date", refused.getMessage());
            }
        }
        model.addAttribute("problem", null);
        return render(post, form, mistakes, model);
    }

    @PostMapping("/posts/{id}/duplicate")
    String duplicate(@PathVariable long id, @RequestParam(name = "account", required = false) List<Long> accountIds,
                     Model model, RedirectAttributes redirect) {
        CampaignPost post = post(id);
        try {
            var copies = changes.duplicate(id, accountIds == null ? List.of() : accountIds);
            redirect.addFlashAttribute("notice", "Copied to " + copies.size() + " account(s): "
                    + copies.stream().map(c -> "post " + c.number()).collect(java.util.stream.Collectors.joining(", "))
                    + " of the same campaign, each at the first time its account's plan allows.");
            return "redirect:/posts/" + id;
        } catch (Problem refused) {
            ZonedDateTime at = post.scheduledAt().atZoneSameInstant(zone(null, post));
            model.addAttribute("chosenAccounts", accountIds == null ? List.of() : accountIds);
            return render(post, new EditForm(post.caption(), at.toLocalDate().toString(), TIME.format(at),
                    at.getZone().getId()), Map.of("accounts", refused.getMessage()), model);
        }
    }

    @PostMapping("/posts/{id}/comments")
    String comment(@PathVariable long id, @RequestParam(defaultValue = "") String comment, Model model,
                   RedirectAttributes redirect) {
        CampaignPost post = post(id);
        try {
            approvals.comment(post.campaignId(), id, comment);
            redirect.addFlashAttribute("notice", "Comment added: it shows here and on the campaign's page.");
            return "redirect:/posts/" + id + "#comments";
        } catch (Problem refused) {
            model.addAttribute("typedComment", comment.length() > MAX_TYPED ? comment.substring(0, MAX_TYPED) : comment);
            ZonedDateTime at = post.scheduledAt().atZoneSameInstant(zone(null, post));
            return render(post, new EditForm(post.caption(), at.toLocalDate().toString(), TIME.format(at),
                    at.getZone().getId()), Map.of("comment", refused.getMessage()), model);
        }
    }

    /** The post's preview alone, opened in place from the calendar (loaded on demand). */
    @HxRequest
    @GetMapping("/posts/{id}/preview")
    String preview(@PathVariable long id, Model model) {
        showPreview(post(id), model);
        return "fragments/preview :: peek";
    }

    @GetMapping("/posts/{id}/preview")
    String previewWithoutHtmx(@PathVariable long id) {
        return "redirect:/posts/" + id;
    }

    private void showPreview(CampaignPost post, Model model) {
        Platform platform = accounts.platforms(List.of(post.accountId())).get(post.accountId());
        model.addAttribute("post", post);
        model.addAttribute("campaign", campaigns.find(post.campaignId()).orElseThrow());
        model.addAttribute("username", accounts.usernames(List.of(post.accountId())).getOrDefault(post.accountId(), "removed account"));
        model.addAttribute("platform", platform);
        model.addAttribute("thumbnails", post.mediaIds().stream().map(m -> media.pagePath(m, RenditionKind.THUMBNAIL)).toList());
        model.addAttribute("caption", CaptionPreview.of(post.caption(), platform == null ? Platform.INSTAGRAM : platform));
    }

    private String render(CampaignPost post, EditForm form, Map<String, String> mistakes, Model model) {
        showPreview(post, model);
        model.addAttribute("fixedBecause", PostChanges.whyFixed(post));
        model.addAttribute("task", posts.taskIds(List.of(post)).get(post.id()));
        model.addAttribute("form", form);
        model.addAttribute("mistakes", mistakes);
        model.addAttribute("zoneId", zone(form.zone(), post));
        model.addAttribute("accountChoices", accounts.list(new io.switchboard.accounts.AccountFilter(
                io.switchboard.accounts.AccountStatus.ACTIVE, null, null, null), null, 200).accounts().stream()
                .filter(a -> a.id() != post.accountId()).toList());
        model.addAttribute("comments", approvals.commentsOnPost(post.campaignId(), post.id()));
        if (!model.containsAttribute("typedComment")) {
            model.addAttribute("typedComment", "");
        }
        if (!model.containsAttribute("chosenAccounts")) {
            model.addAttribute("chosenAccounts", List.of());
        }
        return "post";
    }

    private CampaignPost post(long id) {
        CampaignPost post = posts.find(List.of(id)).get(id);
        if (post == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No post " + id);
        }
        return post;
    }

    private ZoneId zone(@Nullable String zone, CampaignPost post) {
        try {
            return zone == null || zone.isBlank() ? accounts.timeZone(post.accountId()) : ZoneId.of(zone.strip());
        } catch (DateTimeException | java.util.NoSuchElementException e) {
            return ZoneId.of("UTC");
        }
    }
}
