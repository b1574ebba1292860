package io.switchboard.tasks;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every {@link TaskHandler} bean by the name of its kind; two handlers for one kind fail the start. */
@Component
class Handlers {
    private final Map<String, TaskHandler<?>> byKind = new TreeMap<>();

    Handlers(List<TaskHandler<?>> handlers) {
        for (TaskHandler<?> handler : handlers) {
            TaskHandler<?> other = byKind.put(handler.kind().name(), handler);
            if (other != null) {
                throw new IllegalStateException("Two handlers for task kind " + handler.kind().name() + ": "
                        + other.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
    }

    @Nullable TaskHandler<?> forKind(String kind) {
        return byKind.get(kind);
    }

    List<String> kinds() {
        return List.copyOf(byKind.keySet());
    }
}
