package io.switchboard.platform;

import org.jspecify.annotations.Nullable;

/**
 * What a call on an account's behalf needs, on any platform. The token is a secret: never log it, store it
 * elsewhere, put it in a task payload or show it; {@link #toString()} leaves it out.
 *
 * @param accountId      Switchboard's account id, which picks the egress route; null for a token not yet
 *                       connected to an account (checking a pasted token)
 * @param platformUserId the account's id on its platform; null while it is not known yet (a pasted token, whose
 *                       user the platform is asked for)
 * @param accessToken    the account's access token
 * @param refreshToken   the token that renews it where the platform issues one (TikTok), else null; a secret too
 */
public record Credentials(@Nullable Long accountId, @Nullable String platformUserId, String accessToken,
                          @Nullable String refreshToken) {

    public Credentials(@Nullable Long accountId, @Nullable String platformUserId, String accessToken) {
        this(accountId, platformUserId, accessToken, null);
    }

    /** A token whose user is not known yet: the adapter asks the platform whose it is. */
    public static Credentials unconnected(String accessToken) {
        return new Credentials(null, null, accessToken, null);
    }

    @Override
    public String toString() {
        return "Credentials[accountId=" + accountId + ", platformUserId=" + platformUserId + ", token=***]";
    }
}
