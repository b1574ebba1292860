package io.switchboard.platform;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * One way out to the platform: directly, or through a proxy. The client builds the request (method, URL,
 * headers, body, timeout) and the egress sends it. Implementations are free in how they send (the JDK client
 * with a {@link java.net.ProxySelector}, or a SOCKS-capable transport); they must honour the request's
 * timeout and must not log the request's URL or headers unredacted (they carry tokens: see
 * {@link EgressRequest#toString()}).
 */
public interface Egress {

    /** A short label for logs and metrics ("direct", "proxy eu-1"); never credentials. */
    String name();

    /**
     * @throws EgressUnavailable when this route cannot be used now (its proxy is down); the client then reports
     *                           {@link PlatformProblem.RouteDown} and the caller waits instead of failing
     * @throws IOException       when the request could not be sent or answered (a transient failure)
     */
    EgressResponse send(EgressRequest request) throws IOException, InterruptedException;

    /** Straight out, with this connect timeout. */
    static Egress direct(Duration connectTimeout) {
        return of("direct", HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /** Through a JDK client built by the caller (with its proxy selector and authenticator). */
    static Egress of(String name, HttpClient client) {
        return new JdkEgress(name, client);
    }

    /** A route that is down: every call through it is refused with this reason, without a request. */
    static Egress unavailable(String name, String reason) {
        return new Egress() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public EgressResponse send(EgressRequest request) throws EgressUnavailable {
                throw new EgressUnavailable(reason);
            }
        };
    }
}
