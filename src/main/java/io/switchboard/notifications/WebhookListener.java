package io.switchboard.notifications;

import io.switchboard.accounts.AccountStatus;
import io.switchboard.accounts.AccountStatusChanged;
import io.switchboard.proxies.ProxyStatus;
import io.switchboard.proxies.ProxyStatusChanged;
import io.switchboard.publishing.CampaignApprovalDecided;
import io.switchboard.publishing.CampaignApprovalRequested;
import io.switchboard.publishing.CampaignFinished;
import io.switchboard.publishing.PostFailed;
import io.switchboard.publishing.PostPublished;
import io.switchboard.publishing.PostsHeld;
import io.switchboard.publishing.QuotaExhausted;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The other modules' events, as webhook deliveries. A post's or campaign's event happens once, so its id names it; a
 * status change can happen again later, so the hour it happened in is part of its identity.
 */
@Component
class WebhookListener {
    private final Webhooks webhooks;
    private final Clock clock = Clock.systemUTC();

    WebhookListener(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @ApplicationModuleListener
    void on(PostPublished published) {
        webhooks.send(WebhookEvent.POST_PUBLISHED, "post:" + published.postId(), data(
                "postId", published.postId(), "campaignId", published.campaignId(), "accountId", published.accountId(),
                "platformPostId", published.mediaId(), "permalink", published.permalink()));
    }

    @ApplicationModuleListener
    void on(PostFailed failed) {
        webhooks.send(WebhookEvent.POST_FAILED, "post:" + failed.postId() + ":" + hour(), data(
                "postId", failed.postId(), "campaignId", failed.campaignId(), "accountId", failed.accountId(),
                "reason", failed.reason()));
    }

    @ApplicationModuleListener
    void on(PostsHeld held) {
        webhooks.send(WebhookEvent.POST_HELD, "account:" + held.accountId() + ":" + held.postIds(), data(
                "accountId", held.accountId(), "postIds", held.postIds(), "cause", held.cause(),
                "reason", held.reason()));
    }

    @ApplicationModuleListener
    void on(CampaignFinished finished) {
        webhooks.send(WebhookEvent.CAMPAIGN_FINISHED, "campaign:" + finished.campaignId() + ":" + hour(), data(
                "campaignId", finished.campaignId(), "name", finished.name(), "published", finished.published(),
                "failed", finished.failed(), "cancelled", finished.cancelled()));
    }

    @ApplicationModuleListener
    void on(AccountStatusChanged changed) {
        WebhookEvent event = changed.to() == AccountStatus.NEEDS_RECONNECT ? WebhookEvent.ACCOUNT_NEEDS_RECONNECT
                : changed.to() == AccountStatus.RESTRICTED ? WebhookEvent.ACCOUNT_RESTRICTED : null;
        if (event != null) {
            webhooks.send(event, "account:" + changed.accountId() + ":" + hour(), data(
                    "accountId", changed.accountId(), "username", changed.username(), "reason", changed.reason()));
        }
    }

    @ApplicationModuleListener
    void on(ProxyStatusChanged changed) {
        WebhookEvent event = changed.to() == ProxyStatus.DOWN ? WebhookEvent.PROXY_DOWN
                : changed.from() == ProxyStatus.DOWN ? WebhookEvent.PROXY_UP : null;
        if (event != null) {
            webhooks.send(event, "proxy:" + changed.proxyId() + ":" + hour(), data(
                    "proxyId", changed.proxyId(), "label", changed.label(), "reason", changed.reason()));
        }
    }

    /** One delivery per account and freeing slot, however many of its posts wait for that slot. */
    @ApplicationModuleListener
    void on(QuotaExhausted exhausted) {
        webhooks.send(WebhookEvent.QUOTA_EXHAUSTED, "quota:account:" + exhausted.accountId() + ":"
                + exhausted.freesAt().truncatedTo(ChronoUnit.MINUTES), data(
                "accountId", exhausted.accountId(), "username", exhausted.username(), "postId", exhausted.postId(),
                "freesAt", exhausted.freesAt().toString()));
    }

    @ApplicationModuleListener
    void on(CampaignApprovalRequested requested) {
        webhooks.send(WebhookEvent.APPROVAL_REQUESTED, "approval:" + requested.campaignId() + ":" + requested.at(), data(
                "campaignId", requested.campaignId(), "name", requested.name(), "author", requested.author()));
    }

    @ApplicationModuleListener
    void on(CampaignApprovalDecided decided) {
        webhooks.send(WebhookEvent.APPROVAL_DECIDED, "decision:" + decided.campaignId() + ":" + decided.at(), data(
                "campaignId", decided.campaignId(), "name", decided.name(), "approved", decided.approved(),
                "decidedBy", decided.decidedBy(), "comment", decided.comment()));
    }

    private String hour() {
        return clock.instant().truncatedTo(ChronoUnit.HOURS).toString();
    }

    private static Map<String, Object> data(Object... pairs) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            data.put((String) pairs[i], pairs[i + 1]);
        }
        return data;
    }
}
