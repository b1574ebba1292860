package io.switchboard.platform;

import org.jspecify.annotations.Nullable;

/**
 * What a call on an account's behalf needs. The token is a secret: never log it, store it elsewhere, put it in
 * a task payload or show it; {@link #toString()} leaves it out.
 *
 * @param accountId      Switchboard's account id, which picks the egress route; null for a token not yet
 *                       connected to an account (checking a pasted token)
 * @param platformUserId the Instagram user id ({ig-user-id})
 * @param accessToken    the account's access token
 */
public record GraphCredentials(@Nullable Long accountId, String platformUserId, String accessToken) {

    /** A token whose user id is not known yet (it is read with {@link InstagramGraph#me}). */
    public static GraphCredentials unconnected(String accessToken) {
        return new GraphCredentials(null, "me", accessToken);
    }

    @Override
    public String toString() {
        return "GraphCredentials[accountId=" + accountId + ", platformUserId=" + platformUserId + ", token=***]";
    }
}
