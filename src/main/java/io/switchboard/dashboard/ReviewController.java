package io.switchboard.dashboard;

import io.switchboard.accounts.Accounts;
import io.switchboard.infrastructure.Problem;
import io.switchboard.media.MediaLibrary;
import io.switchboard.media.RenditionKind;
import io.switchboard.publishing.Campaign;
import io.switchboard.publishing.CampaignPost;
import io.switchboard.publishing.Campaigns;
import io.switchboard.publishing.CaptionPreview;
import io.switchboard.platform.Platform;
import io.switchboard.publishing.ReviewLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Map;

/**
 * The client's review page, opened by a review link without signing in: the campaign's posts as previews and a
 * form to approve or ask for changes. It shows nothing else: its own page without the operators' navigation, no
 * operator names, no other campaign. A link that does not work answers with why, and its status (404, 410, 429).
 */
@Controller
class ReviewController {
    static final int POSTS_SHOWN = 60;
    private final ReviewLinks links;
    private final Campaigns campaigns;
    private final Accounts accounts;
    private final MediaLibrary media;

    ReviewController(ReviewLinks links, Campaigns campaigns, Accounts accounts, MediaLibrary media) {
        this.links = links;
        this.campaigns = campaigns;
        this.accounts = accounts;
        this.media = media;
    }

    /** A post on the review page. */
    record Shown(CampaignPost post, Platform platform, String username, List<String> thumbnails, CaptionPreview caption) {
    }

    @GetMapping("/review/{token}")
    String review(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            var access = links.open(token, request.getRemoteAddr());
            return page(token, access.campaignId(), model);
        } catch (ReviewLinks.Refused refused) {
            return refused(refused, response, model);
        }
    }

    @PostMapping("/review/{token}")
    String decide(@PathVariable String token, @RequestParam String decision, @RequestParam(defaultValue = "") String comment,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            links.decide(token, request.getRemoteAddr(), decision.equals("approve"),
                    comment.length() > 10_000 ? comment.substring(0, 10_000) : comment);
            model.addAttribute("done", decision.equals("approve") ? "Thank you: the campaign is approved."
                    : "Thank you: your comment was sent and the team will change the campaign.");
            return "review-done";
        } catch (ReviewLinks.Refused refused) {
            return refused(refused, response, model);
        } catch (Problem mistake) {
            var access = links.open(token, request.getRemoteAddr());
            model.addAttribute("commentError", mistake.getMessage());
            model.addAttribute("typedComment", comment);
            return page(token, access.campaignId(), model);
        }
    }

    private String page(String token, long campaignId, Model model) {
        Campaign campaign = campaigns.find(campaignId).orElseThrow();
        List<CampaignPost> posts = campaigns.posts(campaignId, null, null, 0, POSTS_SHOWN);
        List<Long> accountIds = posts.stream().map(CampaignPost::accountId).distinct().toList();
        Map<Long, String> usernames = accounts.usernames(accountIds);
        Map<Long, Platform> platforms = accounts.platforms(accountIds);
        model.addAttribute("campaign", campaign);
        model.addAttribute("token", token);
        model.addAttribute("total", campaigns.counts(campaignId).total());
        model.addAttribute("posts", posts.stream().map(p -> {
            Platform platform = platforms.getOrDefault(p.accountId(), Platform.INSTAGRAM);
            return new Shown(p, platform, usernames.getOrDefault(p.accountId(), "account"),
                    p.mediaIds().stream().map(m -> media.pagePath(m, RenditionKind.THUMBNAIL)).toList(),
                    CaptionPreview.of(p.caption(), platform));
        }).toList());
        return "review";
    }

    private static String refused(ReviewLinks.Refused refused, HttpServletResponse response, Model model) {
        response.setStatus(refused.status());
        model.addAttribute("done", refused.getMessage());
        return "review-done";
    }
}
