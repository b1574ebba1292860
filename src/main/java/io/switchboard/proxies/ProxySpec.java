package io.switchboard.proxies;

import org.jspecify.annotations.Nullable;

import java.util.List;

/** A proxy whose every field passed {@link ProxyFields}; the password is in clear until it is sealed for storage. */
record ProxySpec(String label, ProxyScheme scheme, String host, int port, @Nullable String username,
                 @Nullable String password, String region, List<String> tags, boolean enabled) {

    ProxyEndpoint endpoint() {
        return new ProxyEndpoint(scheme, host, port, username, password);
    }

    String url() {
        return ProxyEndpoint.url(scheme, host, port, username);
    }

    @Override
    public String toString() {
        return "ProxySpec[" + label + " " + url() + (password == null ? "" : ", password=***") + "]";
    }
}
