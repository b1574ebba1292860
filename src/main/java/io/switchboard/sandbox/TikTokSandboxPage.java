package io.switchboard.sandbox;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;

/**
 * The ADMIN page "TikTok sandbox" (linked from the Sandbox page): the daily cap and whether the per-token rate limits
 * apply, TikTok's documented errors injected into the next calls of an endpoint (or the next posts' processing), the
 * latest posts and the creators; and the public page a sandbox TikTok post opens. All of it in the database, so it
 * applies on every instance. A form with a mistake comes back as typed, the mistake beside its field.
 */
@Controller
@Conditional(SandboxEnabled.class)
class TikTokSandboxPage {
    private static final String BACK = "redirect:/sandbox/admin/tiktok";
    static final List<String> ENDPOINTS = List.of("any", "creator_info", "init", "inbox_init", "status", "user_info",
            "video_list", "processing");
    private final TikTokStore store;
    private final org.jooq.DSLContext db;

    TikTokSandboxPage(TikTokStore store, org.jooq.DSLContext db) {
        this.store = store;
        this.db = db;
    }

    /** @param rateLimits a Boolean: a post without the field (an unticked box) must still bind */
    record BehaviourForm(String dailyCap, @org.jspecify.annotations.Nullable Boolean rateLimits) {
    }

    /** @param creator a sandbox creator's username; empty: every creator */
    record FaultForm(String code, String endpoint, String times, String creator) {
    }

    @GetMapping("/sandbox/admin/tiktok")
    String page(Model model) {
        var behaviour = store.behaviour();
        if (!model.containsAttribute("behaviourForm")) {
            model.addAttribute("behaviourForm", new BehaviourForm(String.valueOf(behaviour.dailyCap()),
                    behaviour.rateLimits()));
        }
        if (!model.containsAttribute("faultForm")) {
            model.addAttribute("faultForm", new FaultForm("internal_error", "init", "1", ""));
        }
        model.addAttribute("codes", TikTokFault.CODES);
        model.addAttribute("failReasons", TikTokFault.FAIL_REASONS);
        model.addAttribute("endpoints", ENDPOINTS);
        model.addAttribute("faults", db.fetch("SELECT f.id, f.code, f.endpoint, f.remaining, u.username FROM "
                + "sandbox_tiktok_fault f LEFT JOIN sandbox_tiktok_user u ON u.id = f.user_id WHERE f.remaining > 0 "
                + "ORDER BY f.id").intoMaps());
        model.addAttribute("posts", db.fetch("SELECT p.publish_id, p.status, p.fail_reason, p.post_id, p.title, "
                + "p.created_at, u.username FROM sandbox_tiktok_publish p JOIN sandbox_tiktok_user u ON u.id = p.user_id "
                + "ORDER BY p.id DESC LIMIT 20").intoMaps());
        model.addAttribute("creators", db.fetch("SELECT id, username, nickname, created_at FROM sandbox_tiktok_user "
                + "ORDER BY id DESC LIMIT 50").intoMaps());
        model.addAttribute("creatorCount", store.userCount());
        return "sandbox/tiktok";
    }

    @PostMapping("/sandbox/admin/tiktok/settings")
    String settings(@ModelAttribute("behaviourForm") BehaviourForm form, BindingResult errors, Model model,
                    RedirectAttributes redirect) {
        Integer cap = whole(form.dailyCap(), 1, 10_000);
        if (cap == null) {
            errors.rejectValue("dailyCap", "range", "Enter 1 to 10000 posts.");
            return page(model);
        }
        boolean limits = Boolean.TRUE.equals(form.rateLimits());
        store.behaviour(cap, limits);
        return notice(redirect, "TikTok sandbox saved: " + cap + " direct posts per creator per 24 h, rate limits "
                + (limits ? "on" : "off") + ".");
    }

    @PostMapping("/sandbox/admin/tiktok/faults")
    String addFault(@ModelAttribute("faultForm") FaultForm form, BindingResult errors, Model model,
                    RedirectAttributes redirect) {
        boolean processing = "processing".equals(form.endpoint());
        if (!ENDPOINTS.contains(form.endpoint())) {
            errors.rejectValue("endpoint", "unknown", "Choose the calls from the list.");
        } else if (processing ? !TikTokFault.FAIL_REASONS.contains(form.code()) : !TikTokFault.CODES.contains(form.code())) {
            errors.rejectValue("code", "unknown", processing ? "Processing fails with a fail reason: choose one of "
                    + "the list's fail reasons." : "Choose an error code from the list (fail reasons go with "
                    + "processing).");
        }
        Integer times = whole(form.times(), 1, 1_000_000);
        if (times == null) {
            errors.rejectValue("times", "range", "Enter how many calls, 1 to 1000000.");
        }
        Long userId = null;
        String creator = form.creator() == null ? "" : form.creator().strip().replaceFirst("^@", "");
        if (!creator.isEmpty()) {
            userId = db.fetchOptional("SELECT id FROM sandbox_tiktok_user WHERE username = {0}", creator)
                    .map(r -> r.get(0, Long.class)).orElse(null);
            if (userId == null) {
                errors.rejectValue("creator", "unknown", "No sandbox creator is called @" + creator + "; leave it "
                        + "empty for every creator.");
            }
        }
        if (errors.hasErrors()) {
            return page(model);
        }
        store.addFault(form.code(), form.endpoint(), userId, times);
        return notice(redirect, "The next " + times + " " + form.endpoint() + " calls" + (creator.isEmpty() ? ""
                : " of @" + creator) + " answer " + form.code() + ".");
    }

    @PostMapping("/sandbox/admin/tiktok/faults/clear")
    String clear(RedirectAttributes redirect) {
        store.clearFaults();
        return notice(redirect, "Every injected TikTok error removed.");
    }

    @PostMapping("/sandbox/admin/tiktok/creators/{id}/revoke")
    String revoke(@PathVariable long id, RedirectAttributes redirect) {
        store.revokeTokens(id);
        return notice(redirect, "The creator's tokens are revoked: Switchboard must reconnect the account.");
    }

    @PostMapping("/sandbox/admin/tiktok/creators/{id}/expire")
    String expire(@PathVariable long id, RedirectAttributes redirect) {
        store.expireTokens(id);
        return notice(redirect, "The creator's access tokens expired; the refresh token still renews them.");
    }

    /** What a sandbox TikTok post's link opens: public, like a TikTok post. */
    @GetMapping("/sandbox/tiktok/p/{postId}")
    String post(@PathVariable String postId, Model model) {
        var post = store.byPostId(postId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("post", RecordViews.of(post));
        model.addAttribute("creator", RecordViews.of(store.user(post.userId()).orElseThrow()));
        return "sandbox/tiktok-post";
    }

    private static Integer whole(String text, int min, int max) {
        try {
            int value = Integer.parseInt(text == null ? "" : text.strip());
            return value < min || value > max ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String notice(RedirectAttributes redirect, String message) {
        redirect.addFlashAttribute("notice", message);
        return BACK;
    }
}
