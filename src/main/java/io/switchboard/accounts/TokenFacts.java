package io.switchboard.accounts;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * What a platform says of a token.
 *
 * @param expiresAt null when it never expires or the platform did not say
 * @param scopes    the permissions granted; null when the platform did not say
 */
public record TokenFacts(boolean valid, @Nullable Instant expiresAt, @Nullable List<String> scopes) {

    /** The platform cannot tell here: the token is taken as valid until a call refuses it. */
    public static final TokenFacts UNKNOWN = new TokenFacts(true, null, null);
}
