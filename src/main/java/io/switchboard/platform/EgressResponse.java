package io.switchboard.platform;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Map;

/** What came back: status, headers (names in any case) and the body bytes. */
public record EgressResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /** The first value of a header, its name matched without regard to case. */
    public @Nullable String header(String name) {
        for (var entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().getFirst();
            }
        }
        return null;
    }
}
