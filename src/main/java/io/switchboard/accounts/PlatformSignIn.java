package io.switchboard.accounts;

import io.switchboard.platform.Platform;
import io.switchboard.platform.PlatformResult;

import java.net.URI;
import java.util.List;

/**
 * Connecting accounts of one platform through its sign-in (OAuth), and in sandbox mode creating demo accounts in
 * its sandbox; implemented by that platform's adapter module.
 */
public interface PlatformSignIn {

    Platform platform();

    /** Whether sign-in works here: always in the sandbox; live, when the platform's app is configured. */
    boolean available();

    /** The permissions asked for when connecting (an account's token needs them all). */
    List<String> scopes();

    /** What an admin must set for sign-in to work, when it does not ("set SWITCHBOARD_…"). */
    String unavailableReason();

    /**
     * Where to send the operator's browser to grant access; it comes back to {@code redirectUri} with {@code code}
     * and {@code state}. In sandbox mode this is a path of this app.
     */
    String authorizeUrl(URI redirectUri, String state);

    /** Exchanges the code from the redirect for the longest-lived token the platform gives. */
    PlatformResult<IssuedToken> exchange(String code, URI redirectUri);

    /**
     * Sandbox mode only: creates {@code count} accounts in the platform's sandbox and answers an authorization code
     * for each, to connect through {@link #exchange} like real ones. Live, it fails.
     */
    PlatformResult<List<String>> sandboxAccounts(int count, String usernamePrefix, URI redirectUri);
}
