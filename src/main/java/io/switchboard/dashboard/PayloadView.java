package io.switchboard.dashboard;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.regex.Pattern;

/** A task's payload as the detail page shows it: indented JSON with anything secret-looking blanked out. */
@Component
class PayloadView {
    static final String REDACTED = "•••• (redacted)";
    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(token|secret|password|passwd|authorization|api[-_]?key|access[-_]?key|credential|cookie|signature).*");
    private final JsonMapper json;

    PayloadView(JsonMapper json) {
        this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    String format(String payload) {
        try {
            JsonNode tree = json.readTree(payload);
            redact(tree);
            return json.writeValueAsString(tree);
        } catch (RuntimeException e) {
            return "(the payload is not valid JSON and is not shown)";
        }
    }

    private static void redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : object.propertyNames()) {
                if (SECRET.matcher(name).matches() && !object.get(name).isNull()) {
                    object.put(name, REDACTED);
                } else {
                    redact(object.get(name));
                }
            }
        } else if (node.isArray()) {
            node.forEach(PayloadView::redact);
        }
    }
}
