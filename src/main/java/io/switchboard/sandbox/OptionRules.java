package io.switchboard.sandbox;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The container options beyond media and caption, checked the way Meta checks them (error 100 naming the parameter,
 * docs/development/platform-facts.md) and kept as sent, so tests and the post page show what reached the platform.
 */
final class OptionRules {
    static final int MAX_COLLABORATORS = 3;
    static final int MAX_USER_TAGS = 20;
    static final int MAX_ALT_TEXT = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OptionRules() {
    }

    /**
     * The options as sent, checked for a container of this type.
     *
     * @param type         IMAGE, VIDEO (a carousel item), REELS, STORIES or CAROUSEL
     * @param knownAccount whether a username is an account of the platform
     */
    static String check(Map<String, String> sent, String type, boolean carouselItem, Predicate<String> knownAccount) {
        Map<String, Object> kept = new LinkedHashMap<>();
        String altText = sent.get("alt_text");
        if (altText != null) {
            only(type.equals("IMAGE"), "alt_text", "images");
            if (altText.length() > MAX_ALT_TEXT) {
                throw GraphFault.invalidParameter("Param alt_text must be at most " + MAX_ALT_TEXT + " characters long");
            }
            kept.put("alt_text", altText);
        }
        String collaborators = sent.get("collaborators");
        if (collaborators != null) {
            only(!carouselItem && !type.equals("STORIES"), "collaborators", "feed images, Reels and carousels");
            JsonNode list = json(collaborators, "collaborators");
            if (!list.isArray() || list.size() > MAX_COLLABORATORS) {
                throw GraphFault.invalidParameter("Param collaborators must be an array of at most " + MAX_COLLABORATORS
                        + " usernames");
            }
            for (JsonNode name : list) {
                unknown(name.asString(""), knownAccount, "collaborators");
            }
            kept.put("collaborators", list);
        }
        String tags = sent.get("user_tags");
        if (tags != null) {
            only(!type.equals("CAROUSEL") && !type.equals("VIDEO"), "user_tags", "images, Reels, Stories and carousel images");
            JsonNode list = json(tags, "user_tags");
            if (!list.isArray() || list.size() > MAX_USER_TAGS) {
                throw GraphFault.invalidParameter("Param user_tags must be an array of at most " + MAX_USER_TAGS + " tags");
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode tag = list.get(i);
                unknown(tag.path("username").asString(""), knownAccount, "user_tags[" + i + "]['username']");
                if (type.equals("IMAGE")) {
                    position(tag, i, "x");
                    position(tag, i, "y");
                }
            }
            kept.put("user_tags", list);
        }
        String location = sent.get("location_id");
        if (location != null) {
            only(!carouselItem && !type.equals("STORIES"), "location_id", "feed images, Reels and carousels");
            if (!location.matches("\\d{1,20}")) {
                throw GraphFault.invalidParameter("Param location_id must be a valid location ID (a Page ID)");
            }
            kept.put("location_id", location);
        }
        for (String reelOnly : new String[]{"audio_name", "cover_url", "thumb_offset", "trial_params"}) {
            if (sent.get(reelOnly) != null) {
                only(type.equals("REELS"), reelOnly, "Reels");
            }
        }
        if (sent.get("thumb_offset") != null && !sent.get("thumb_offset").matches("\\d{1,9}")) {
            throw GraphFault.invalidParameter("Param thumb_offset must be a non-negative integer (milliseconds)");
        }
        String trial = sent.get("trial_params");
        if (trial != null) {
            String strategy = json(trial, "trial_params").path("graduation_strategy").asString("");
            if (!strategy.equals("MANUAL") && !strategy.equals("SS_PERFORMANCE")) {
                throw GraphFault.invalidParameter("Param trial_params[graduation_strategy] must be one of {MANUAL, "
                        + "SS_PERFORMANCE}");
            }
            kept.put("trial_params", json(trial, "trial_params"));
        }
        for (String plain : new String[]{"audio_name", "cover_url", "thumb_offset"}) {
            if (sent.get(plain) != null) {
                kept.put(plain, sent.get(plain));
            }
        }
        return JSON.writeValueAsString(kept);
    }

    private static void only(boolean allowed, String parameter, String what) {
        if (!allowed) {
            throw GraphFault.invalidParameter("Param " + parameter + " is only supported for " + what);
        }
    }

    private static void unknown(String username, Predicate<String> knownAccount, String parameter) {
        if (username.isBlank() || !knownAccount.test(username)) {
            throw new GraphFault(100, null, "Invalid parameter: " + parameter + ": the user '" + username
                    + "' does not exist or cannot be tagged");
        }
    }

    private static void position(JsonNode tag, int i, String axis) {
        JsonNode value = tag.get(axis);
        if (value == null || !value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
            throw GraphFault.invalidParameter("Param user_tags[" + i + "]['" + axis + "'] must be a number between 0 "
                    + "and 1");
        }
    }

    private static JsonNode json(@Nullable String text, String parameter) {
        try {
            return JSON.readTree(text == null ? "" : text);
        } catch (JacksonException e) {
            throw GraphFault.invalidParameter("Param " + parameter + " must be valid JSON");
        }
    }
}
