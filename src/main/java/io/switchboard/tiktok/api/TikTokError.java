package io.switchboard.tiktok.api;

import org.jspecify.annotations.Nullable;

/**
 * TikTok's error as it answered it ({@code error.code}, {@code error.message}, {@code error.log_id}), or one the
 * client made up for a call that got no answer ({@code code} "unreachable", "route_down", "held_off", "unreadable").
 */
public record TikTokError(int httpStatus, String code, String message, @Nullable String logId) {

    static TikTokError local(String code, String message) {
        return new TikTokError(0, code, message, null);
    }

    /** The error in an operator's log: "rate_limit_exceeded (HTTP 429): The API rate limit was exceeded …". */
    public String summary() {
        return code + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : "") + ": " + message
                + (logId != null ? " [log id " + logId + "]" : "");
    }
}
