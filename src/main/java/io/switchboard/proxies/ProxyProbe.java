package io.switchboard.proxies;

import io.switchboard.platform.EgressRequest;
import io.switchboard.platform.EgressResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One diagnostics run: a fresh connection through the proxy to {@code switchboard.proxies.probe-url}, step by step
 * (TCP, the proxy's TLS and handshake, TLS with the probe), then a GET whose answer names the exit IP. Never
 * throws for a failing proxy: the failure is the result.
 */
@Component
class ProxyProbe {
    /** Where common "what is my IP" services put the address in their JSON. */
    private static final List<String> IP_FIELDS = List.of("ip", "origin", "query", "address");
    private final ProxyDialer dialer;
    private final ProxySettings settings;
    private final JsonMapper json;

    ProxyProbe(ProxyDialer dialer, ProxySettings settings, JsonMapper json) {
        this.dialer = dialer;
        this.settings = settings;
        this.json = json;
    }

    ProbeResult run(ProxyEndpoint proxy) {
        URI url = settings.probeUrl();
        Target target = Target.of(url);
        Deadline deadline = Deadline.in(settings.probeTimeout());
        Timings timings = new Timings();
        try (ProxyConnection connection = dialer.open(proxy, target, deadline, timings)) {
            EgressRequest request = new EgressRequest("GET", url, Map.of("Accept", "application/json, text/plain"),
                    new byte[0], null, settings.probeTimeout());
            EgressResponse response = Http1.exchange(connection, request, target, deadline).response();
            int latency = timings.sinceStart();
            if (response.status() / 100 != 2) {
                return ProbeResult.failed(CheckOutcome.PROBE_FAILED, timings, "the probe " + target.authority()
                        + " answered HTTP " + response.status() + " through the proxy");
            }
            String ip = exitIp(response.body());
            if (ip == null) {
                return ProbeResult.failed(CheckOutcome.PROBE_FAILED, timings, "the probe answered without an IP "
                        + "address: set switchboard.proxies.probe-url to a service that returns the caller's address");
            }
            return new ProbeResult(CheckOutcome.OK, timings.connectMs, timings.handshakeMs, timings.tlsMs, latency, ip,
                    "exit IP " + ip + " in " + latency + " ms");
        } catch (ProxyFailure failure) {
            return ProbeResult.failed(failure.stage(), timings, failure.getMessage());
        } catch (HttpTimeoutException e) {
            return ProbeResult.failed(CheckOutcome.PROBE_FAILED, timings, "no answer from the probe "
                    + target.authority() + " through the proxy within " + settings.probeTimeout().toMillis() + " ms");
        } catch (IOException e) {
            return ProbeResult.failed(CheckOutcome.PROBE_FAILED, timings, "the probe request through the proxy "
                    + "failed: " + e.getMessage());
        }
    }

    /** The address in a JSON answer ({"ip": …}) or a plain-text one; null when there is none. */
    private @Nullable String exitIp(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        String candidate = text;
        if (text.startsWith("{")) {
            try {
                JsonNode answer = json.readTree(text);
                candidate = IP_FIELDS.stream().map(f -> answer.path(f).asString("")).filter(s -> !s.isBlank())
                        .findFirst().orElse("");
            } catch (RuntimeException notJson) {
                return null;
            }
        }
        try {
            return InetAddress.ofLiteral(candidate.split("[\\s,]+")[0]).getHostAddress();
        } catch (IllegalArgumentException notAnAddress) {
            return null;
        }
    }
}
