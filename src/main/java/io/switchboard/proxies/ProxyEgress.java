package io.switchboard.proxies;

import io.switchboard.platform.Egress;
import io.switchboard.platform.EgressRequest;
import io.switchboard.platform.EgressResponse;
import io.switchboard.platform.EgressUnavailable;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.function.Consumer;

/**
 * The platform's calls through one proxy, over pooled HTTP/1.1 connections. When the proxy itself fails (refused,
 * unreachable, credentials refused, TLS intercepted), no request reached the platform: the call gets
 * {@link EgressUnavailable} with a reason for the operator, so the caller pauses instead of failing, and
 * {@code trouble} hears of it (to run diagnostics at once).
 */
final class ProxyEgress implements Egress, AutoCloseable {
    private final long proxyId;
    private final String label;
    private final ProxyEndpoint endpoint;
    private final ProxyDialer dialer;
    private final Consumer<Long> trouble;
    private final ProxyConnectionPool pool = new ProxyConnectionPool();

    ProxyEgress(long proxyId, String label, ProxyEndpoint endpoint, ProxyDialer dialer, Consumer<Long> trouble) {
        this.proxyId = proxyId;
        this.label = label;
        this.endpoint = endpoint;
        this.dialer = dialer;
        this.trouble = trouble;
    }

    ProxyEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String name() {
        return RouteReasons.name(label);
    }

    @Override
    public EgressResponse send(EgressRequest request) throws IOException {
        try {
            return sendThroughProxy(request);
        } catch (ProxyFailure failure) {
            trouble.accept(proxyId);
            throw new EgressUnavailable(RouteReasons.failed(label, failure));
        }
    }

    private EgressResponse sendThroughProxy(EgressRequest request) throws IOException {
        Target target = Target.of(request.uri());
        Deadline deadline = Deadline.in(request.timeout());
        ProxyConnection pooled = pool.take(target.key());
        if (pooled != null) {
            try {
                return exchange(pooled, request, target, deadline);
            } catch (ProxyFailure failure) {
                throw failure;
            } catch (IOException e) {
                if (pooled.answered() || e instanceof SocketTimeoutException || e instanceof HttpTimeoutException) {
                    throw e;
                }
                // the proxy or target closed the idle connection before our request arrived: nothing was processed
            }
        }
        return exchange(dialer.open(endpoint, target, deadline, new Timings()), request, target, deadline);
    }

    private EgressResponse exchange(ProxyConnection connection, EgressRequest request, Target target,
                                    Deadline deadline) throws IOException {
        try {
            Http1.Answer answer = Http1.exchange(connection, request, target, deadline);
            if (answer.reusable()) {
                pool.give(target.key(), connection);
            } else {
                connection.close();
            }
            return answer.response();
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
