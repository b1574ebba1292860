package io.switchboard.tasks;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every {@link TaskHandler} bean by the name of its kind, each with a reader of its payload type made once (a
 * reader per call looked the payload type's deserializer up again for every task); two handlers for one kind
 * fail the start.
 */
@Component
class Handlers {
    private final Map<String, Handler> byKind = new HashMap<>();

    /** A kind's handler and the reader of its payloads. */
    record Handler(TaskHandler<?> handler, ObjectReader payloads) {
    }

    Handlers(List<TaskHandler<?>> handlers, JsonMapper json) {
        for (TaskHandler<?> handler : handlers) {
            Handler other = byKind.put(handler.kind().name(),
                    new Handler(handler, json.readerFor(handler.kind().payloadType())));
            if (other != null) {
                throw new IllegalStateException("Two handlers for task kind " + handler.kind().name() + ": "
                        + other.handler().getClass().getName() + " and " + handler.getClass().getName());
            }
        }
    }

    @Nullable Handler forKind(String kind) {
        return byKind.get(kind);
    }

    List<String> kinds() {
        return List.copyOf(new TreeSet<>(byKind.keySet()));
    }
}
