package io.switchboard.instagram.graph;

import org.jspecify.annotations.Nullable;

/**
 * An error as the Graph API reported it (or as the client met it: a timeout, a refused connection, a hold-off
 * in force). Never contains a token.
 *
 * @param httpStatus the HTTP status, 0 when no answer arrived
 * @param code       the Graph error code, 0 when there was no Graph error
 * @param subcode    {@code error_subcode}, or null
 * @param message    the platform's message (or the client's, for its own errors)
 * @param userTitle  {@code error_user_title} when the platform gave one
 * @param userMessage {@code error_user_msg} when the platform gave one
 * @param traceId    {@code fbtrace_id}, for a support request to Meta
 */
public record GraphError(int httpStatus, int code, @Nullable Integer subcode, String message,
                         @Nullable String userTitle, @Nullable String userMessage, @Nullable String traceId) {

    static GraphError local(String message) {
        return new GraphError(0, 0, null, message, null, null, null);
    }

    /** "code 9/2207042: Application request limit reached", as an operator reads it in a task log. */
    public String summary() {
        String codes = code == 0 ? "" : "code " + code + (subcode == null ? "" : "/" + subcode) + ": ";
        return codes + (userMessage != null && !userMessage.isBlank() ? userMessage : message);
    }
}
