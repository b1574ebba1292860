package io.switchboard.proxies;

import java.net.URI;
import java.util.Locale;

/** The server a request is for, behind the proxy: scheme, host and port of its URL. */
record Target(String scheme, String host, int port) {

    static Target of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("Only http and https URLs with a host go through a proxy: "
                    + uri.getScheme() + "://" + uri.getHost());
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new Target(scheme, host, port);
    }

    boolean tls() {
        return scheme.equals("https");
    }

    /** "host:port" as CONNECT names it. */
    String authority() {
        return ProxyEndpoint.authority(host, port);
    }

    /** The Host header: the port only when it is not the scheme's own. */
    String hostHeader() {
        boolean defaultPort = port == (tls() ? 443 : 80);
        return defaultPort ? (host.indexOf(':') >= 0 ? "[" + host + "]" : host) : authority();
    }

    /** Connections to the same key can carry each other's requests. */
    String key() {
        return scheme + "://" + authority();
    }
}
