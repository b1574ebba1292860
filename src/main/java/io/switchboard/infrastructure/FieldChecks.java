package io.switchboard.infrastructure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs every check of a command's fields and keeps every {@link Problem} they throw, instead of stopping at the
 * first, so the operator sees all their mistakes at once.
 *
 * @param <P> the module's problem type; other exceptions pass through
 */
public final class FieldChecks<P extends Problem> {
    private final Class<P> type;
    private final List<P> found = new ArrayList<>();

    private FieldChecks(Class<P> type) {
        this.type = type;
    }

    public static <P extends Problem> FieldChecks<P> of(Class<P> type) {
        return new FieldChecks<>(type);
    }

    /** The check's value, or {@code fallback} when it threw a problem (kept for {@link #throwIfAny}). */
    public <T> T check(Supplier<T> check, T fallback) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            if (!type.isInstance(e)) {
                throw e;
            }
            found.add(type.cast(e));
            return fallback;
        }
    }

    /** A mistake found by the command itself, beside those its checks threw. */
    public void add(P problem) {
        found.add(problem);
    }

    /** Throws every problem found as one, made by {@code combine}; returns when none was found. */
    public void throwIfAny(Function<List<P>, P> combine) {
        if (!found.isEmpty()) {
            throw found.size() == 1 ? found.getFirst() : combine.apply(List.copyOf(found));
        }
    }
}
