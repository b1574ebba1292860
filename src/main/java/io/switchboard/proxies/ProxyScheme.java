package io.switchboard.proxies;

import java.util.Locale;
import java.util.Optional;

/** How Switchboard talks to a proxy. */
public enum ProxyScheme {
    /** Plain HTTP to the proxy; HTTPS targets through a CONNECT tunnel. */
    HTTP,
    /** TLS to the proxy itself, then as {@link #HTTP}. */
    HTTPS,
    /** SOCKS version 5 (RFC 1928), host names resolved by the proxy, username/password sign-in (RFC 1929). */
    SOCKS5;

    /** "http", "https", "socks5": as written in a proxy URL. */
    public String urlScheme() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scheme of a proxy URL ({@code socks5h} is SOCKS5: this client always lets the proxy resolve names). */
    static Optional<ProxyScheme> fromUrl(String scheme) {
        return switch (scheme.strip().toLowerCase(Locale.ROOT)) {
            case "http" -> Optional.of(HTTP);
            case "https" -> Optional.of(HTTPS);
            case "socks5", "socks5h" -> Optional.of(SOCKS5);
            default -> Optional.empty();
        };
    }
}
