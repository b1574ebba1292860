package io.switchboard.instagram.graph;

/**
 * The answer to one Graph API call: {@link Ok} with the typed value, or {@link Failed} with the classified
 * {@link GraphProblem}. Callers switch on it, e.g.
 * <pre>{@code
 * switch (graph.publish(credentials, containerId)) {
 *     case GraphResult.Ok(var published) -> …
 *     case GraphResult.Failed(GraphProblem.Throttled t) -> Outcome.retryAt(t.until(), …)
 *     case GraphResult.Failed(GraphProblem.TokenInvalid t) -> …
 *     case GraphResult.Failed(var other) -> …
 * }
 * }</pre>
 */
public sealed interface GraphResult<T> {

    record Ok<T>(T value) implements GraphResult<T> {
    }

    record Failed<T>(GraphProblem problem) implements GraphResult<T> {
    }

    /** The value; throws {@link IllegalStateException} with the problem's summary when the call failed. */
    default T orElseThrow() {
        return switch (this) {
            case Ok<T>(T value) -> value;
            case Failed<T>(GraphProblem problem) -> throw new IllegalStateException(
                    problem.getClass().getSimpleName() + ": " + problem.error().summary());
        };
    }

    default boolean ok() {
        return this instanceof Ok<T>;
    }
}
