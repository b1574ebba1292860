package io.switchboard.accounts;

import io.switchboard.platform.Credentials;
import io.switchboard.platform.Platform;
import io.switchboard.platform.PlatformResult;
import io.switchboard.platform.Profile;

/**
 * Reads an account's profile on one platform; implemented by that platform's adapter module. Used to check a token
 * (whose account it opens), by the token health check and by the profile audit.
 */
public interface ProfileReader {

    Platform platform();

    /** The account's profile; for {@link Credentials#unconnected} credentials, that of the token's user. */
    PlatformResult<Profile> profile(Credentials credentials);
}
