package io.switchboard.instagram.graph;

import io.switchboard.platform.EgressResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The usage headers of one answer: {@code X-App-Usage} (the app, in percent) and
 * {@code X-Business-Use-Case-Usage} (per account id: percent, and minutes until access returns).
 */
record Usage(int appPercent, Map<String, AccountUsage> accounts) {

    record AccountUsage(int percent, int regainMinutes) {
    }

    static Usage of(EgressResponse response, JsonMapper json) {
        return new Usage(appPercent(response.header("X-App-Usage"), json),
                accounts(response.header("X-Business-Use-Case-Usage"), json));
    }

    private static int appPercent(@Nullable String header, JsonMapper json) {
        JsonNode node = read(header, json);
        return node == null ? 0 : highest(node);
    }

    private static Map<String, AccountUsage> accounts(@Nullable String header, JsonMapper json) {
        JsonNode node = read(header, json);
        Map<String, AccountUsage> accounts = new LinkedHashMap<>();
        if (node == null) {
            return accounts;
        }
        for (var entry : node.properties()) {
            int percent = 0;
            int regain = 0;
            for (JsonNode usage : entry.getValue()) {
                percent = Math.max(percent, highest(usage));
                regain = Math.max(regain, usage.path("estimated_time_to_regain_access").asInt(0));
            }
            accounts.put(entry.getKey(), new AccountUsage(percent, regain));
        }
        return accounts;
    }

    private static int highest(JsonNode usage) {
        return Math.max(usage.path("call_count").asInt(0),
                Math.max(usage.path("total_cputime").asInt(0), usage.path("total_time").asInt(0)));
    }

    private static @Nullable JsonNode read(@Nullable String header, JsonMapper json) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(header);
            return node.isObject() ? node : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
