package io.switchboard.proxies;

import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a proxy listens and how to sign in to it, with the password opened: held in memory only, never written
 * anywhere. {@link #toString()} is the URL without the password.
 */
record ProxyEndpoint(ProxyScheme scheme, String host, int port, @Nullable String username, @Nullable String password) {

    /** "host:port", with an IPv6 address in brackets. */
    String address() {
        return authority(host, port);
    }

    /** The {@code Proxy-Authorization} value for HTTP(S) proxies, null without credentials. */
    @Nullable String basicAuthorization() {
        if (username == null) {
            return null;
        }
        String pair = username + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    static String url(ProxyScheme scheme, String host, int port, @Nullable String username) {
        return scheme.urlScheme() + "://" + (username == null ? "" : username + "@") + authority(host, port);
    }

    static String authority(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return url(scheme, host, port, username);
    }
}
