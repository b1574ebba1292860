package io.switchboard.instagram;

import io.switchboard.instagram.graph.GraphProblem;
import io.switchboard.instagram.graph.GraphResult;
import io.switchboard.platform.PlatformProblem;
import io.switchboard.platform.PlatformResult;

import java.util.function.Function;

/** The Graph client's classified problems in the words every module understands (for account-level calls). */
final class InstagramProblems {

    private InstagramProblems() {
    }

    static <T, R> PlatformResult<R> neutral(GraphResult<T> result, Function<T, R> value) {
        return switch (result) {
            case GraphResult.Ok<T>(T ok) -> new PlatformResult.Ok<>(value.apply(ok));
            case GraphResult.Failed<T>(GraphProblem problem) -> new PlatformResult.Failed<>(neutral(problem));
        };
    }

    static PlatformProblem neutral(GraphProblem problem) {
        String message = problem.error().summary();
        return switch (problem) {
            case GraphProblem.Transient p -> new PlatformProblem.Passing(message);
            case GraphProblem.Throttled p -> new PlatformProblem.Throttled(message, p.until());
            case GraphProblem.TokenInvalid p -> new PlatformProblem.TokenRefused(message);
            case GraphProblem.PermissionMissing p -> new PlatformProblem.PermissionMissing(message);
            case GraphProblem.Blocked p -> new PlatformProblem.Restricted(message);
            case GraphProblem.RouteUnavailable p -> new PlatformProblem.RouteDown(message);
            case GraphProblem.BadMedia p -> new PlatformProblem.Refused(message);
            case GraphProblem.QuotaReached p -> new PlatformProblem.Refused(message);
            case GraphProblem.ContainerExpired p -> new PlatformProblem.Refused(message);
            case GraphProblem.NotReady p -> new PlatformProblem.Refused(message);
            case GraphProblem.Refused p -> new PlatformProblem.Refused(message);
        };
    }
}
