package io.switchboard.api;

import io.switchboard.identity.ApiKeys;
import io.switchboard.identity.ApiScope;
import io.switchboard.testing.AppInstance;
import testsupport.SignedIn;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A client of /api/v1 with one key, as a team's script would call it (curl-like: real HTTP, JSON). */
record ApiClient(String base, String key) {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A new key of that scope and limit, created as an admin would on the page. */
    static ApiClient withNewKey(AppInstance app, ApiScope scope, int perMinute) {
        SignedIn.as("api-test-admin", "ADMIN");
        try {
            var issued = app.bean(ApiKeys.class).create("test-" + UUID.randomUUID(), scope, perMinute, null);
            return new ApiClient(app.url("/api/v1"), issued.secret());
        } finally {
            SignedIn.out();
        }
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> post(String path, String json, Map<String, String> headers) {
        var request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request.build());
    }

    HttpResponse<String> post(String path, String json) {
        return post(path, json, Map.of());
    }

    HttpResponse<String> upload(Path file, Map<String, String> headers) {
        try {
            var request = request("/media?fileName=" + file.getFileName())
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofFile(file));
            headers.forEach(request::header);
            return send(request.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
