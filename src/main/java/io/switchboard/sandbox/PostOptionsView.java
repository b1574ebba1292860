package io.switchboard.sandbox;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * What a published post's containers were made with, in people's words for the sandbox's post page: collaborators,
 * location, tags, alt texts, cover, audio, trial.
 */
public record PostOptionsView(List<String> collaborators, @Nullable String locationId, List<String> tags, List<String> altTexts,
                       @Nullable String cover, @Nullable String audioName, @Nullable String trial) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static PostOptionsView of(ContainerStore containers, long containerId) {
        JsonNode own = JSON.readTree(containers.options(containerId));
        List<JsonNode> all = new ArrayList<>();
        all.add(own);
        containers.byId(containerId).ifPresent(c -> c.children().forEach(child ->
                all.add(JSON.readTree(containers.options(child)))));
        List<String> collaborators = new ArrayList<>();
        own.path("collaborators").forEach(n -> collaborators.add("@" + n.asString("")));
        List<String> tags = new ArrayList<>();
        List<String> altTexts = new ArrayList<>();
        for (JsonNode options : all) {
            options.path("user_tags").forEach(t -> tags.add("@" + t.path("username").asString("")
                    + (t.has("x") ? " at (" + t.path("x").asDouble() + ", " + t.path("y").asDouble() + ")" : "")));
            if (options.hasNonNull("alt_text")) {
                altTexts.add(options.path("alt_text").asString(""));
            }
        }
        String cover = own.hasNonNull("cover_url") ? "image " + own.path("cover_url").asString("")
                : own.hasNonNull("thumb_offset") ? "frame at " + own.path("thumb_offset").asString("") + " ms" : null;
        return new PostOptionsView(collaborators, text(own, "location_id"), tags, altTexts, cover,
                text(own, "audio_name"), own.has("trial_params")
                        ? own.path("trial_params").path("graduation_strategy").asString("") : null);
    }

    public boolean any() {
        return !collaborators.isEmpty() || locationId != null || !tags.isEmpty() || !altTexts.isEmpty() || cover != null
                || audioName != null || trial != null;
    }

    private static @Nullable String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.path(field).asString("") : null;
    }
}
