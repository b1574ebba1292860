package io.switchboard.proxies;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What an operator reads when a proxy route is unavailable. The platform client shows it after "The egress route
 * proxy &lt;label&gt; is unavailable: ", and the publisher shows it on the posts it pauses; so each reason says what
 * happened and what to do, and never holds a credential.
 */
final class RouteReasons {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
    private static final String NEXT = "Calls for the accounts routed through it wait, so their posts pause instead "
            + "of failing: fix the proxy and run its diagnostics on the Proxies page, or route those accounts "
            + "through another proxy.";

    private RouteReasons() {
    }

    static String name(String label) {
        return "proxy " + label;
    }

    static String down(ProxyEndpoint endpoint, OffsetDateTime since, String statusReason) {
        return "its diagnostics found " + endpoint + " DOWN at " + TIME.format(since.withOffsetSameInstant(ZoneOffset.UTC))
                + " (" + statusReason + "). " + NEXT;
    }

    static String disabled() {
        return "it is disabled. Calls for the accounts routed through it wait, so their posts pause instead of "
                + "failing: enable the proxy on the Proxies page, or route those accounts through another proxy.";
    }

    static String failed(String label, ProxyFailure failure) {
        return name(label) + " failed just now (" + failure.stage().label() + ": " + failure.getMessage()
                + "); its diagnostics run now. " + NEXT;
    }

    static String unreadable() {
        return "its password cannot be decrypted with this instance's encryption key: set the "
                + "SWITCHBOARD_ENCRYPTION_KEY it was stored with, or enter the password again on the proxy's page. "
                + "Until then calls for the accounts routed through it wait.";
    }
}
