package io.switchboard.proxies;

import org.jspecify.annotations.Nullable;

/**
 * How an account's platform calls leave the servers.
 *
 * @param proxy the proxy they go through; null when {@link Via#DIRECT}
 */
public record AccountRoute(Via via, @Nullable Proxy proxy) {

    public enum Via {
        /** Through the proxy assigned to the account. */
        ASSIGNED,
        /** Through the default proxy (the account has none of its own). */
        DEFAULT,
        /** Straight out: no proxy assigned and no default set. */
        DIRECT
    }
}
