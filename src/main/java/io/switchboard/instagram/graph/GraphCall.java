package io.switchboard.instagram.graph;

import io.switchboard.platform.Credentials;
import io.switchboard.platform.EgressRequest;
import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** One call as the client prepares it: what, where, for whom; built fluently, sent by {@link GraphHttp}. */
final class GraphCall {
    private final String name;
    private final String method;
    private final URI uri;
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, String> form = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private @Nullable Path bodyFile;
    private @Nullable Long accountId;
    private @Nullable String platformUserId;
    private @Nullable Duration timeout;

    private GraphCall(String name, String method, URI uri) {
        this.name = name;
        this.method = method;
        this.uri = uri;
    }

    static GraphCall get(String name, URI uri) {
        return new GraphCall(name, "GET", uri);
    }

    static GraphCall post(String name, URI uri) {
        return new GraphCall(name, "POST", uri);
    }

    GraphCall query(String key, @Nullable Object value) {
        if (value != null) {
            query.put(key, value.toString());
        }
        return this;
    }

    GraphCall form(String key, @Nullable Object value) {
        if (value != null) {
            form.put(key, value.toString());
        }
        return this;
    }

    GraphCall header(String key, String value) {
        headers.put(key, value);
        return this;
    }

    GraphCall bodyFile(Path file) {
        this.bodyFile = file;
        return this;
    }

    GraphCall timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** On behalf of an account, with its token as {@code access_token}. */
    GraphCall as(Credentials credentials) {
        return onBehalfOf(credentials).query("access_token", credentials.accessToken());
    }

    /** For an account: its egress route and its hold-offs apply. */
    GraphCall onBehalfOf(Credentials credentials) {
        this.accountId = credentials.accountId();
        this.platformUserId = credentials.platformUserId();
        return this;
    }

    String name() {
        return name;
    }

    String method() {
        return method;
    }

    @Nullable Long accountId() {
        return accountId;
    }

    @Nullable String platformUserId() {
        return platformUserId;
    }

    EgressRequest toRequest(Duration defaultTimeout) {
        URI target = query.isEmpty() ? uri : URI.create(uri + (uri.getRawQuery() == null ? "?" : "&") + encode(query));
        Map<String, String> allHeaders = new LinkedHashMap<>(headers);
        byte[] body = new byte[0];
        if (!form.isEmpty()) {
            allHeaders.put("Content-Type", "application/x-www-form-urlencoded");
            body = encode(form).getBytes(StandardCharsets.UTF_8);
        }
        return new EgressRequest(method, target, Map.copyOf(allHeaders), body, bodyFile,
                timeout == null ? defaultTimeout : timeout);
    }

    private static String encode(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
