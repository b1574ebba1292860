package io.switchboard.notifications;

import io.switchboard.infrastructure.NetworkAddresses;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/** Where a webhook may be sent: http(s) URLs whose host resolves to public addresses (unless private are allowed). */
@Component
class WebhookTargets {
    private final NotificationSettings settings;

    WebhookTargets(NotificationSettings settings) {
        this.settings = settings;
    }

    /** @throws WebhookProblem naming the url field, saying what is wrong */
    URI check(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new WebhookProblem("url", "Enter the receiver's full URL, such as https://crm.example.com/hooks/switchboard.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new WebhookProblem("url", "Enter an http or https URL with a host, such as https://crm.example.com/hooks.");
        }
        if (uri.getUserInfo() != null) {
            throw new WebhookProblem("url", "Leave the user name and password out of the URL; the signature proves the sender.");
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (NetworkAddresses.isPrivate(address) && !settings.allowPrivateTargets()) {
                    throw new WebhookProblem("url", uri.getHost() + " is a private or loopback address ("
                            + address.getHostAddress() + "); webhooks go to public addresses unless an admin sets "
                            + "SWITCHBOARD_NOTIFICATIONS_ALLOW_PRIVATE_TARGETS=true.");
                }
            }
        } catch (UnknownHostException e) {
            throw new WebhookProblem("url", uri.getHost() + " is not a known host name; check the spelling.");
        }
        return uri;
    }
}
