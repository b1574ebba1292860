package io.switchboard.notifications;

/** What an operator can choose to be told about. */
public enum AlertKind {
    POSTS_HELD("Posts held back (account or proxy)"),
    POST_FAILED("Posts that failed"),
    ACCOUNT_TROUBLE("Accounts that need reconnecting or were restricted"),
    PROXY_DOWN("Proxies that went down");

    private final String label;

    AlertKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
