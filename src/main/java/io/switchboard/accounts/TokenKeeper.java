package io.switchboard.accounts;

import io.switchboard.platform.Credentials;
import io.switchboard.platform.Platform;
import io.switchboard.platform.PlatformResult;

/** What one platform says of an account's token, and renewing it; implemented by that platform's adapter module. */
public interface TokenKeeper {

    Platform platform();

    /**
     * What the platform says of the token: whether it is valid, when it expires, its scopes. Where the platform
     * cannot tell here (Instagram without the app's secret), {@link TokenFacts#UNKNOWN}.
     */
    PlatformResult<TokenFacts> inspect(Credentials credentials);

    /**
     * Permissions that are not needed to publish but that some work needs, each with what it enables in an operator's
     * words, as what goes undone without it ("first comments are not posted"); token health names the ones a token
     * lacks. None by default.
     */
    default java.util.Map<String, String> optionalPermissions() {
        return java.util.Map.of();
    }

    /** A renewed token for the account, as long-lived as the platform gives. */
    PlatformResult<IssuedToken> refresh(Credentials credentials);
}
