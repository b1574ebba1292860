package io.switchboard.proxies;

import org.jspecify.annotations.Nullable;

/**
 * A proxy as an operator enters it, unchecked: {@link Proxies#add} and {@link Proxies#update} check every field
 * and name the one that is wrong.
 *
 * @param label    blank: "host:port" (or "user@host:port")
 * @param scheme   "http", "https" or "socks5"
 * @param port     as typed
 * @param username blank: no credentials
 * @param password blank when adding: none; blank when updating: keep the stored one
 * @param tags     separated by ';', ',' or spaces
 */
public record ProxyDraft(String label, String scheme, String host, String port, String username,
                         @Nullable String password, String region, String tags, boolean enabled) {

    @Override
    public String toString() {
        return "ProxyDraft[" + scheme + "://" + host + ":" + port + ", label=" + label + ", password=***]";
    }
}
