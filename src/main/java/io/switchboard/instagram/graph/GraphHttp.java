package io.switchboard.instagram.graph;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.platform.Egress;
import io.switchboard.platform.EgressRequest;
import io.switchboard.platform.EgressResponse;
import io.switchboard.platform.EgressRoutes;
import io.switchboard.platform.EgressUnavailable;
import io.switchboard.platform.Hold;
import io.switchboard.platform.HoldOffs;
import io.switchboard.platform.Platform;
import io.switchboard.platform.PlatformSettings;
import io.switchboard.platform.Redaction;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one place every Graph API call goes through: hold-offs checked, the egress route asked, the request
 * sent, usage headers observed (above the threshold, the app or the account holds off), errors classified, a
 * metric and a redacted log line written.
 */
@Component
class GraphHttp {
    private static final Logger log = LoggerFactory.getLogger(GraphHttp.class);
    private final ObjectProvider<EgressRoutes> routes;
    private final HoldOffs holdOffs;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final PlatformSettings settings;
    private final Egress direct;

    GraphHttp(ObjectProvider<EgressRoutes> routes, HoldOffs holdOffs, JsonMapper json, MeterRegistry meters,
              PlatformSettings settings) {
        this.routes = routes;
        this.holdOffs = holdOffs;
        this.json = json;
        this.meters = meters;
        this.settings = settings;
        this.direct = Egress.direct(settings.connectTimeout());
    }

    <T> GraphResult<T> send(GraphCall call, Function<JsonNode, T> parser) {
        long start = System.nanoTime();
        GraphResult<T> result = exchange(call, parser);
        Timer.builder("switchboard.platform.calls")
                .description("Graph API calls by call and outcome")
                .tag("call", call.name()).tag("outcome", outcome(result))
                .register(meters).record(Duration.ofNanos(System.nanoTime() - start));
        return result;
    }

    private <T> GraphResult<T> exchange(GraphCall call, Function<JsonNode, T> parser) {
        Optional<Hold> hold = holdOffs.inForce(Platform.INSTAGRAM, call.platformUserId());
        if (hold.isPresent()) {
            Hold h = hold.get();
            return failed(new GraphProblem.Throttled(GraphError.local("Holding off calls for "
                    + (h.wholeApp() ? "the whole app" : "this account") + " until " + h.until() + ": " + h.reason()),
                    h.until(), h.wholeApp()));
        }
        Egress egress = routes.getIfAvailable(() -> account -> direct).forAccount(call.accountId());
        EgressRequest request = call.toRequest(settings.readTimeout());
        EgressResponse response;
        try {
            response = egress.send(request);
        } catch (EgressUnavailable e) {
            return failed(new GraphProblem.RouteUnavailable(GraphError.local("The egress route " + egress.name()
                    + " is unavailable: " + Redaction.query(String.valueOf(e.getMessage())))));
        } catch (HttpTimeoutException e) {
            return unreachable(request, egress, "no answer within " + request.timeout().toSeconds() + " s");
        } catch (IOException e) {
            return unreachable(request, egress, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + Redaction.query(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable(request, egress, "interrupted");
        }
        return answer(call, request, response, parser);
    }

    private <T> GraphResult<T> answer(GraphCall call, EgressRequest request, EgressResponse response,
                                      Function<JsonNode, T> parser) {
        Usage usage = Usage.of(response, json);
        observe(usage);
        JsonNode body = read(response.body());
        if (response.status() / 100 == 2 && body != null) {
            try {
                T value = parser.apply(body);
                log.debug("Graph API {} → {}", request, response.status());
                return new GraphResult.Ok<>(value);
            } catch (RuntimeException e) {
                return failed(new GraphProblem.Refused(GraphError.local("The Graph API's answer to " + call.name()
                        + " could not be read: " + e.getClass().getSimpleName())));
            }
        }
        GraphError error = GraphErrors.parse(response.status(), body);
        if (error == null) {
            error = new GraphError(response.status(), 0, null, "HTTP " + response.status()
                    + " without a Graph error body", null, null, null);
        }
        boolean isTransient = body != null && body.path("error").path("is_transient").asBoolean(false);
        Instant now = Instant.now();
        GraphProblem problem = GraphErrors.classify(error, isTransient, now.plus(settings.defaultHoldOff()),
                now.plus(Duration.ofHours(1)));
        if (problem instanceof GraphProblem.Throttled throttled) {
            Hold hold = throttled(throttled.wholeApp(), call.platformUserId(), usage, error.summary());
            problem = new GraphProblem.Throttled(error, hold.until(), throttled.wholeApp());
        }
        log.warn("Graph API {} failed: {} ({})", request, error.summary(), problem.getClass().getSimpleName());
        return failed(problem);
    }

    /** Holds what the answer's usage headers put above the threshold. */
    private void observe(Usage usage) {
        if (usage.appPercent() >= settings.usageThreshold()) {
            holdOffs.holdApp(Platform.INSTAGRAM, settings.defaultHoldOff(), "app usage at " + usage.appPercent() + "%");
        }
        usage.accounts().forEach((id, account) -> {
            if (account.percent() >= settings.usageThreshold()) {
                holdOffs.holdUser(Platform.INSTAGRAM, id, regain(account.regainMinutes()),
                        "account usage at " + account.percent() + "%");
            }
        });
    }

    /** The platform throttled a call: hold its scope until the headers say access returns (or a default). */
    private Hold throttled(boolean wholeApp, @Nullable String platformUserId, Usage usage, String reason) {
        if (wholeApp || platformUserId == null) {
            return holdOffs.holdApp(Platform.INSTAGRAM, settings.defaultHoldOff(), reason);
        }
        Usage.AccountUsage account = usage.accounts().get(platformUserId);
        return holdOffs.holdUser(Platform.INSTAGRAM, platformUserId, regain(account == null ? 0 : account.regainMinutes()),
                reason);
    }

    private Duration regain(int minutes) {
        return minutes > 0 ? Duration.ofMinutes(minutes) : settings.defaultHoldOff();
    }

    private <T> GraphResult<T> unreachable(EgressRequest request, Egress egress, String why) {
        log.warn("Graph API {} through {} got no answer: {}", request, egress.name(), why);
        return failed(new GraphProblem.Transient(GraphError.local("The Graph API could not be reached through "
                + egress.name() + ": " + why)));
    }

    private @Nullable JsonNode read(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static <T> GraphResult<T> failed(GraphProblem problem) {
        return new GraphResult.Failed<>(problem);
    }

    private static String outcome(GraphResult<?> result) {
        return switch (result) {
            case GraphResult.Ok<?> ok -> "ok";
            case GraphResult.Failed<?>(GraphProblem problem) ->
                    problem.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        };
    }
}
