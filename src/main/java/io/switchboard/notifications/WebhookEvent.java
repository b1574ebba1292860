package io.switchboard.notifications;

import java.util.Arrays;
import java.util.Optional;

/** What an endpoint can subscribe to, by the {@code type} its deliveries carry. */
public enum WebhookEvent {
    POST_PUBLISHED("post.published", "A post went live"),
    POST_FAILED("post.failed", "A post failed and needs an operator"),
    POST_HELD("post.held", "Posts were held back (account or proxy), with the reason"),
    CAMPAIGN_FINISHED("campaign.finished", "A campaign finished"),
    ACCOUNT_NEEDS_RECONNECT("account.needs_reconnect", "An account needs reconnecting"),
    ACCOUNT_RESTRICTED("account.restricted", "An account was restricted"),
    PROXY_DOWN("proxy.down", "A proxy went down"),
    PROXY_UP("proxy.up", "A proxy is up again"),
    QUOTA_EXHAUSTED("quota.exhausted", "An account's publishing quota is used up: its posts wait for a slot"),
    APPROVAL_REQUESTED("approval.requested", "A campaign waits for approval"),
    APPROVAL_DECIDED("approval.decided", "A campaign was approved, or changes were asked for");

    private final String type;
    private final String label;

    WebhookEvent(String type, String label) {
        this.type = type;
        this.label = label;
    }

    public String type() {
        return type;
    }

    public String label() {
        return label;
    }

    public static Optional<WebhookEvent> ofType(String type) {
        return Arrays.stream(values()).filter(e -> e.type.equals(type)).findFirst();
    }
}
