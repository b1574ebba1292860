package io.switchboard.sandbox;

/** A TikTok API error as the sandbox answers it: {@code {"data":{}, "error":{code, message, log_id}}} and its status. */
class TikTokFault extends RuntimeException {
    private final String code;
    private final int httpStatus;

    TikTokFault(String code, int httpStatus, String message) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The documented error with TikTok's words and HTTP status (docs/development/platform-facts.md). */
    static TikTokFault of(String code) {
        return switch (code) {
            case "access_token_invalid" -> new TikTokFault(code, 401,
                    "The access token is invalid or not found in the request.");
            case "scope_not_authorized" -> new TikTokFault(code, 401,
                    "The user did not authorize the scope required for completing this request.");
            case "scope_permission_missed" -> new TikTokFault(code, 401,
                    "Access token is invalid, some fields need additional scopes.");
            case "rate_limit_exceeded" -> new TikTokFault(code, 429, "The API rate limit was exceeded. Please try "
                    + "again later.");
            case "internal_error" -> new TikTokFault(code, 500, "TikTok had an internal error. Please retry.");
            case "invalid_params" -> new TikTokFault(code, 400, "One or more fields in the request are invalid.");
            case "invalid_file_upload" -> new TikTokFault(code, 400, "The uploaded file does not meet API "
                    + "specifications.");
            case "spam_risk_too_many_posts" -> new TikTokFault(code, 403, "The daily post cap from the API is reached "
                    + "for the current user.");
            case "spam_risk_too_many_pending_share" -> new TikTokFault(code, 403, "Too many posts are waiting in the "
                    + "user's inbox.");
            case "spam_risk_user_banned_from_posting" -> new TikTokFault(code, 403, "The user is banned from making "
                    + "new posts.");
            case "reached_active_user_cap" -> new TikTokFault(code, 403, "The daily quota of active creators posting "
                    + "through this client is reached.");
            case "unaudited_client_can_only_post_to_private_accounts" -> new TikTokFault(code, 403, "Unaudited clients "
                    + "can only post to a private account.");
            case "privacy_level_option_mismatch" -> new TikTokFault(code, 400, "privacy_level is not one of the "
                    + "creator's privacy_level_options.");
            case "url_ownership_unverified" -> new TikTokFault(code, 403, "The video_url's domain or prefix is not "
                    + "verified for this client.");
            default -> throw new IllegalArgumentException("not a TikTok error the sandbox knows: " + code);
        };
    }

    /** Every error the sandbox can be told to answer, for the Sandbox page's fault form. */
    static final java.util.List<String> CODES = java.util.List.of("access_token_invalid", "scope_not_authorized",
            "scope_permission_missed", "rate_limit_exceeded", "internal_error", "invalid_params", "invalid_file_upload",
            "spam_risk_too_many_posts", "spam_risk_too_many_pending_share", "spam_risk_user_banned_from_posting",
            "reached_active_user_cap", "unaudited_client_can_only_post_to_private_accounts",
            "privacy_level_option_mismatch", "url_ownership_unverified");

    /** What processing a post can come to instead of publishing it (its status's {@code fail_reason}). */
    static final java.util.List<String> FAIL_REASONS = java.util.List.of("video_pull_failed",
            "file_format_check_failed", "duration_check_failed", "frame_rate_check_failed",
            "picture_size_check_failed", "internal", "auth_removed", "spam_risk_text", "publish_cancelled");

    String code() {
        return code;
    }

    int httpStatus() {
        return httpStatus;
    }
}
