package io.switchboard.sandbox;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's records as maps for its templates: the expression language only reads public types, and the
 * sandbox keeps its types to itself.
 */
final class RecordViews {
    private RecordViews() {
    }

    static Map<String, Object> of(Record record) {
        Map<String, Object> view = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                view.put(component.getName(), component.getAccessor().invoke(record));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return view;
    }

    static List<Map<String, Object>> of(List<? extends Record> records) {
        return records.stream().map(RecordViews::of).toList();
    }
}
