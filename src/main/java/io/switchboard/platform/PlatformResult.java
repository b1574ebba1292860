package io.switchboard.platform;

/**
 * The answer of an adapter to a port's call, in words every module understands: {@link Ok} with the value, or
 * {@link Failed} with the {@link PlatformProblem} (each adapter maps its platform's error table onto it).
 */
public sealed interface PlatformResult<T> {

    record Ok<T>(T value) implements PlatformResult<T> {
    }

    record Failed<T>(PlatformProblem problem) implements PlatformResult<T> {
    }

    /** The value; throws {@link IllegalStateException} with the problem's message when the call failed. */
    default T orElseThrow() {
        return switch (this) {
            case Ok<T>(T value) -> value;
            case Failed<T>(PlatformProblem problem) -> throw new IllegalStateException(
                    problem.getClass().getSimpleName() + ": " + problem.message());
        };
    }
}
