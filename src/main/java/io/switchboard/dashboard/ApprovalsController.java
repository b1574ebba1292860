package io.switchboard.dashboard;

import io.switchboard.infrastructure.Problem;
import io.switchboard.publishing.Approvals;
import io.switchboard.publishing.ReviewLinks;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A campaign's review on its page: approve or ask for changes (with a comment), send it again after changes, comment,
 * and share or withdraw client review links. A mistake comes back beside the comment with what was typed.
 */
@Controller
class ApprovalsController {
    private static final int MAX_TYPED = 10_000;
    private final Approvals approvals;
    private final ReviewLinks links;

    ApprovalsController(Approvals approvals, ReviewLinks links) {
        this.approvals = approvals;
        this.links = links;
    }

    @PostMapping("/campaigns/{id}/decide")
    String decide(@PathVariable long id, @RequestParam String decision, @RequestParam(defaultValue = "") String comment,
                  RedirectAttributes redirect) {
        return act(id, comment, redirect, () -> {
            if (decision.equals("approve")) {
                approvals.approve(id, comment);
                return "Approved: its posts go out as scheduled.";
            }
            approvals.requestChanges(id, comment);
            return "Changes requested: the author sees your comment.";
        });
    }

    @PostMapping("/campaigns/{id}/submit")
    String submit(@PathVariable long id, @RequestParam(defaultValue = "") String comment, RedirectAttributes redirect) {
        return act(id, comment, redirect, () -> {
            approvals.submitAgain(id, comment);
            return "Sent for review again.";
        });
    }

    @PostMapping("/campaigns/{id}/comments")
    String comment(@PathVariable long id, @RequestParam(defaultValue = "") String comment, RedirectAttributes redirect) {
        return act(id, comment, redirect, () -> {
            approvals.comment(id, null, comment);
            return "Comment added.";
        });
    }

    @PostMapping("/campaigns/{id}/review-links")
    String createLink(@PathVariable long id, HttpServletRequest request, RedirectAttributes redirect) {
        String token = links.create(id);
        String url = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()
                + request.getContextPath() + "/review/" + token;
        redirect.addFlashAttribute("notice", "Review link made: copy it now, it is shown only once.");
        redirect.addFlashAttribute("newReviewLink", url);
        return "redirect:/campaigns/" + id;
    }

    @PostMapping("/campaigns/{id}/review-links/{link}/revoke")
    String revoke(@PathVariable long id, @PathVariable long link, RedirectAttributes redirect) {
        links.revoke(id, link);
        redirect.addFlashAttribute("notice", "The review link was withdrawn: it no longer opens.");
        return "redirect:/campaigns/" + id;
    }

    private static String act(long id, String comment, RedirectAttributes redirect,
                              java.util.function.Supplier<String> action) {
        try {
            redirect.addFlashAttribute("notice", action.get());
        } catch (Problem refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
            redirect.addFlashAttribute("commentError", refused.getMessage());
            redirect.addFlashAttribute("typedComment", comment.length() > MAX_TYPED ? comment.substring(0, MAX_TYPED) : comment);
        }
        return "redirect:/campaigns/" + id + "#approval";
    }
}
