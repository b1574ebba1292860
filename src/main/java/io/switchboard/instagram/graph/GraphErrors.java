package io.switchboard.instagram.graph;

import io.switchboard.platform.Redaction;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PLATFORM.md's error table as code: a Graph error in, the class of problem it is out. */
final class GraphErrors {
    private static final Pattern SUBCODE_IN_STATUS = Pattern.compile("\\b(2207\\d{3})\\b");
    private static final Map<Integer, MediaRule> MEDIA_SUBCODES = Map.of(
            2207026, MediaRule.VIDEO_FORMAT,
            2207004, MediaRule.IMAGE_TOO_LARGE,
            2207005, MediaRule.IMAGE_FORMAT,
            2207009, MediaRule.IMAGE_DIMENSIONS,
            2207010, MediaRule.CAPTION_TOO_LONG,
            2207052, MediaRule.MEDIA_URL_NOT_FETCHABLE,
            2207089, MediaRule.MEDIA_TYPE_REFUSED,
            2207081, MediaRule.TRIAL_INELIGIBLE);
    private static final Map<Integer, MediaRule> MEDIA_CODES = Map.of(
            352, MediaRule.VIDEO_FORMAT,
            36000, MediaRule.IMAGE_TOO_LARGE,
            36001, MediaRule.IMAGE_FORMAT,
            36003, MediaRule.IMAGE_DIMENSIONS,
            36004, MediaRule.CAPTION_TOO_LONG,
            9004, MediaRule.MEDIA_URL_NOT_FETCHABLE);

    private GraphErrors() {
    }

    /**
     * @param throttledUntil when a throttled scope gets access back (from the usage headers, or a default)
     * @param quotaFreesAt   when a publishing slot frees, best known estimate
     */
    static GraphProblem classify(GraphError error, boolean isTransient, Instant throttledUntil, Instant quotaFreesAt) {
        GraphProblem bySubcode = error.subcode() == null ? null : bySubcode(error, error.subcode(), quotaFreesAt);
        if (bySubcode != null) {
            return bySubcode;
        }
        int code = error.code();
        if (code == 190 || code == 102) {
            return new GraphProblem.TokenInvalid(error);
        }
        if (code == 10 || code >= 200 && code <= 299) {
            return new GraphProblem.PermissionMissing(error);
        }
        if (code == 368) {
            return new GraphProblem.Blocked(error, Restriction.POLICY_BLOCK);
        }
        if (code == 25) {
            return new GraphProblem.Blocked(error, Restriction.ACCOUNT_RESTRICTED);
        }
        if (isThrottle(code)) {
            return new GraphProblem.Throttled(error, throttledUntil, code == 4);
        }
        if (code == 9) {
            return new GraphProblem.QuotaReached(error, quotaFreesAt);
        }
        if (MEDIA_CODES.containsKey(code)) {
            return new GraphProblem.BadMedia(error, MEDIA_CODES.get(code));
        }
        if (code == 9007) {
            return new GraphProblem.NotReady(error);
        }
        if (code == 24) {
            return new GraphProblem.ContainerExpired(error, true);
        }
        if (code == 1 || code == 2 || code == -1 || code == -2 || isTransient || error.httpStatus() >= 500
                || error.httpStatus() == 0) {
            return new GraphProblem.Transient(error);
        }
        return new GraphProblem.Refused(error);
    }

    static boolean isThrottle(int code) {
        return code == 4 || code == 17 || code == 32 || code == 613 || code == 80001
                || code >= 80002 && code <= 80014 && code != 80003;
    }

    private static @Nullable GraphProblem bySubcode(GraphError error, int subcode, Instant quotaFreesAt) {
        return switch (subcode) {
            case 2207042 -> new GraphProblem.QuotaReached(error, quotaFreesAt);
            case 2207051 -> new GraphProblem.Blocked(error, Restriction.SPAM_RESTRICTED);
            case 2207050 -> new GraphProblem.Blocked(error, Restriction.ACCOUNT_RESTRICTED);
            case 2207020, 2207053 -> new GraphProblem.ContainerExpired(error, false);
            case 2207008 -> new GraphProblem.ContainerExpired(error, true);
            case 2207001, 2207003, 2207032 -> new GraphProblem.Transient(error);
            case 2207027 -> new GraphProblem.NotReady(error);
            case 460 -> new GraphProblem.TokenInvalid(error);
            default -> MEDIA_SUBCODES.containsKey(subcode)
                    ? new GraphProblem.BadMedia(error, MEDIA_SUBCODES.get(subcode)) : null;
        };
    }

    /** The {@code error} object of a Graph error body, or null when the body is not one. */
    static @Nullable GraphError parse(int httpStatus, @Nullable JsonNode body) {
        if (body != null && body.hasNonNull("error_message")) {
            // api.instagram.com answers flat: {"error_type", "code" (the HTTP status), "error_message"}
            return new GraphError(httpStatus, 0, null, Redaction.query(body.path("error_message").asString("")),
                    null, null, null);
        }
        if (body == null || !body.path("error").isObject()) {
            return null;
        }
        JsonNode e = body.path("error");
        return new GraphError(httpStatus, e.path("code").asInt(0),
                e.hasNonNull("error_subcode") ? e.path("error_subcode").asInt(0) : null,
                Redaction.query(e.path("message").asString("(no message)")),
                text(e, "error_user_title"), text(e, "error_user_msg"), text(e, "fbtrace_id"));
    }

    /** A container in status ERROR: its {@code status} text names the subcode ("ERROR: 2207026: …"). */
    static GraphProblem containerError(String status, Instant now) {
        Matcher matcher = SUBCODE_IN_STATUS.matcher(status);
        Integer subcode = matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
        GraphError error = new GraphError(200, 0, subcode, status, null, null, null);
        GraphProblem problem = subcode == null ? null : bySubcode(error, subcode, now);
        return problem != null ? problem : new GraphProblem.Refused(error);
    }

    private static @Nullable String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.path(field).asString("") : null;
    }
}
