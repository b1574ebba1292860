package io.switchboard.notifications;

import io.switchboard.accounts.AccountStatus;
import io.switchboard.accounts.AccountStatusChanged;
import io.switchboard.proxies.ProxyStatus;
import io.switchboard.proxies.ProxyStatusChanged;
import io.switchboard.publishing.PostFailed;
import io.switchboard.publishing.PostsHeld;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * What operators may want to hear about, noted as alert items; {@link AlertSender} groups them by cause. The cause is
 * the operators' sentence (the held posts' reason names the proxy or the account), so 40 posts held by one proxy
 * share one cause and make one message.
 */
@Component
class AlertListener {
    private final AlertRows rows;

    AlertListener(AlertRows rows) {
        this.rows = rows;
    }

    @ApplicationModuleListener
    void on(PostsHeld held) {
        rows.add(AlertKind.POSTS_HELD, held.reason(), held.postIds().size(), "/");
    }

    @ApplicationModuleListener
    void on(PostFailed failed) {
        rows.add(AlertKind.POST_FAILED, failed.reason(), 1, "/campaigns/" + failed.campaignId() + "?status=FAILED");
    }

    @ApplicationModuleListener
    void on(AccountStatusChanged changed) {
        if (changed.to() == AccountStatus.NEEDS_RECONNECT || changed.to() == AccountStatus.RESTRICTED) {
            rows.add(AlertKind.ACCOUNT_TROUBLE, "@" + changed.username() + ": " + changed.reason(), 1,
                    "/accounts/" + changed.accountId());
        }
    }

    @ApplicationModuleListener
    void on(ProxyStatusChanged changed) {
        if (changed.to() == ProxyStatus.DOWN) {
            rows.add(AlertKind.PROXY_DOWN, "Proxy " + changed.label() + " is down: " + changed.reason(), 1,
                    "/proxies/" + changed.proxyId());
        }
    }
}
