package io.switchboard.platform;

import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A request as the client built it. The URI's query and the headers may carry an access token:
 * {@link #toString()} and {@link #redactedUri()} hide them, use those for anything written anywhere.
 *
 * @param body     the body bytes (empty for none), used when {@code bodyFile} is null
 * @param bodyFile a file to send as the body (resumable uploads), or null
 * @param timeout  the longest the whole exchange may take
 */
public record EgressRequest(String method, URI uri, Map<String, String> headers, byte[] body,
                            @Nullable Path bodyFile, Duration timeout) {

    public String redactedUri() {
        return Redaction.uri(uri);
    }

    @Override
    public String toString() {
        return method + " " + redactedUri();
    }
}
