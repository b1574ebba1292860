package io.switchboard.tasks;

import org.jspecify.annotations.Nullable;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Which tasks a list shows. Every part is optional; parts combine with AND.
 *
 * @param states   any of these states (empty: all)
 * @param key      the concurrency key or the unique key, exactly
 * @param error    text the last error contains (case-insensitive)
 * @param instance running on this instance
 */
public record TaskFilter(Set<TaskState> states, @Nullable String kind, @Nullable String queue, @Nullable String key,
                         @Nullable String group, @Nullable String error, @Nullable UUID instance) {

    public TaskFilter {
        states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
        kind = blankToNull(kind);
        queue = blankToNull(queue);
        key = blankToNull(key);
        group = blankToNull(group);
        error = blankToNull(error);
    }

    public static TaskFilter all() {
        return new TaskFilter(Set.of(), null, null, null, null, null, null);
    }

    public static TaskFilter inState(TaskState state) {
        return all().withStates(Set.of(state));
    }

    public TaskFilter withStates(Set<TaskState> states) {
        return new TaskFilter(states, kind, queue, key, group, error, instance);
    }

    public TaskFilter withGroup(@Nullable String group) {
        return new TaskFilter(states, kind, queue, key, group, error, instance);
    }

    /** The states this filter selects, all of them when none is named. */
    public Set<TaskState> effectiveStates() {
        return states.isEmpty() ? EnumSet.allOf(TaskState.class) : states;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
