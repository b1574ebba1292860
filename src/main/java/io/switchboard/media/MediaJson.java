package io.switchboard.media;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Facts and spec reports as the JSON kept in the database. */
@Component
class MediaJson {
    private final JsonMapper json;

    MediaJson(JsonMapper json) {
        this.json = json;
    }

    String write(Object value) {
        return json.writeValueAsString(value);
    }

    @Nullable MediaFacts facts(@Nullable String text) {
        return text == null ? null : json.readValue(text, MediaFacts.class);
    }

    @Nullable SpecReport report(@Nullable String text) {
        return text == null ? null : json.readValue(text, SpecReport.class);
    }
}
