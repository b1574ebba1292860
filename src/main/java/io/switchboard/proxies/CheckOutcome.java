package io.switchboard.proxies;

/** How far one diagnostics run got: {@link #OK}, or the step that failed. */
public enum CheckOutcome {
    OK("Answered"),
    /** No TCP connection to the proxy: refused, timed out, or its host name does not resolve. */
    CONNECT_FAILED("Connection failed"),
    /** The TLS handshake with an HTTPS proxy failed (certificate not trusted, wrong name, protocol). */
    PROXY_TLS_FAILED("TLS to the proxy failed"),
    /** It did not speak the protocol, or refused to open a tunnel to the probe. */
    HANDSHAKE_FAILED("Handshake failed"),
    /** It refused the credentials, or needs some and none are set (HTTP 407, SOCKS5 sign-in refused). */
    AUTH_FAILED("Authentication failed"),
    /** The probe's TLS through the tunnel failed: its certificate was not trusted (a proxy intercepting TLS). */
    TLS_FAILED("TLS through the proxy failed"),
    /** The tunnel worked, but the probe request failed, timed out, or answered without an IP address. */
    PROBE_FAILED("Probe failed");

    private final String label;

    CheckOutcome(String label) {
        this.label = label;
    }

    /** For operators: "Authentication failed". */
    public String label() {
        return label;
    }
}
