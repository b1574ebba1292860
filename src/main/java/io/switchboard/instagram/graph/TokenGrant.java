package io.switchboard.instagram.graph;

import java.util.List;

/**
 * A short-lived (1 hour) token from an OAuth code exchange. A secret: {@link #toString()} leaves it out.
 *
 * @param platformUserId the Instagram user id the token is for
 * @param permissions    the scopes the operator granted
 */
public record TokenGrant(String accessToken, String platformUserId, List<String> permissions) {
    @Override
    public String toString() {
        return "TokenGrant[platformUserId=" + platformUserId + ", permissions=" + permissions + ", token=***]";
    }
}
