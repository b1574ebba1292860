package io.switchboard.platform;

import org.jspecify.annotations.Nullable;

/**
 * Decides how each platform call leaves the server. Every HTTP call of every adapter's client asks this first,
 * on every call (so a route changed at runtime applies at once). Without a bean of this type, every call goes
 * {@link Egress#direct direct}. A module providing egress proxies declares one bean implementing it.
 */
public interface EgressRoutes {

    /**
     * @param accountId the Switchboard account the call is made for; null for calls made for no account yet
     *                  (OAuth code exchange, checking a pasted token)
     */
    Egress forAccount(@Nullable Long accountId);
}
