package io.switchboard.dashboard;

import io.switchboard.tasks.TaskFilter;
import io.switchboard.tasks.TaskState;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** The Tasks page's filters as they travel in the URL (so a filtered list can be shared and bookmarked); public for the templates. */
public record TaskFilterForm(@Nullable List<String> state, @Nullable String kind, @Nullable String queue, @Nullable String key,
                      @Nullable String group, @Nullable String error, @Nullable String instance) {

    public TaskFilter toFilter() {
        Set<TaskState> states = EnumSet.noneOf(TaskState.class);
        for (String value : state == null ? List.<String>of() : state) {
            for (TaskState candidate : TaskState.values()) {
                if (candidate.name().equalsIgnoreCase(value.strip())) {
                    states.add(candidate);
                }
            }
        }
        return new TaskFilter(states, kind, queue, key, group, error, uuid(instance));
    }

    public boolean hasState(String name) {
        return state != null && state.stream().anyMatch(s -> s.equalsIgnoreCase(name));
    }

    public boolean isEmpty() {
        TaskFilter filter = toFilter();
        return filter.states().isEmpty() && filter.kind() == null && filter.queue() == null && filter.key() == null
                && filter.group() == null && filter.error() == null && filter.instance() == null;
    }

    /** This filter as a query string, with {@code before} for the next page when given. */
    public String query(@Nullable Long before) {
        TaskFilter filter = toFilter();
        UriComponentsBuilder uri = UriComponentsBuilder.newInstance();
        filter.states().stream().sorted().forEach(s -> uri.queryParam("state", s.name().toLowerCase(Locale.ROOT)));
        param(uri, "kind", filter.kind());
        param(uri, "queue", filter.queue());
        param(uri, "key", filter.key());
        param(uri, "group", filter.group());
        param(uri, "error", filter.error());
        param(uri, "instance", filter.instance() == null ? null : filter.instance().toString());
        if (before != null) {
            uri.queryParam("before", before);
        }
        String query = uri.encode().build().getQuery();
        return query == null ? "" : query;
    }

    private static void param(UriComponentsBuilder uri, String name, @Nullable String value) {
        if (value != null) {
            uri.queryParam(name, value);
        }
    }

    private static @Nullable UUID uuid(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
