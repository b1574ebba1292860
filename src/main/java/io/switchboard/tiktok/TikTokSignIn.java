package io.switchboard.tiktok;

import io.switchboard.accounts.IssuedToken;
import io.switchboard.accounts.PlatformSignIn;
import io.switchboard.platform.Platform;
import io.switchboard.platform.PlatformResult;
import io.switchboard.tiktok.api.TikTokApi;
import io.switchboard.tiktok.api.TikTokError;
import io.switchboard.tiktok.api.TikTokResult;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.List;

/**
 * Login Kit for the web: TikTok's authorize page, the code exchanged for a 24-hour access token and a 365-day refresh
 * token (the accounts module seals each in its own column); in sandbox mode, creators made in the
 * TikTok sandbox with a code each. TikTok requires PKCE for mobile and desktop apps only, not for a web app.
 */
@Component
class TikTokSignIn implements PlatformSignIn {
    private final TikTokApi api;

    TikTokSignIn(TikTokApi api) {
        this.api = api;
    }

    @Override
    public Platform platform() {
        return Platform.TIKTOK;
    }

    @Override
    public boolean available() {
        return api.signInAvailable();
    }

    @Override
    public List<String> scopes() {
        return api.settings().scopes();
    }

    @Override
    public String unavailableReason() {
        return "Connect with TikTok needs the TikTok app's client key and secret: set SWITCHBOARD_TIKTOK_CLIENT_KEY and "
                + "SWITCHBOARD_TIKTOK_CLIENT_SECRET, or paste a token instead.";
    }

    @Override
    public String authorizeUrl(URI redirectUri, String state) {
        return api.authorizeUrl(redirectUri, state);
    }

    @Override
    public PlatformResult<IssuedToken> exchange(String code, URI redirectUri) {
        return TikTokAccounts.issued(api.exchangeCode(code, redirectUri));
    }

    @Override
    public PlatformResult<List<String>> sandboxAccounts(int count, String usernamePrefix, URI redirectUri) {
        return switch (api.createSandboxAccounts(count, usernamePrefix, redirectUri)) {
            case TikTokResult.Ok<List<String>>(List<String> codes) -> new PlatformResult.Ok<>(codes);
            case TikTokResult.Failed<List<String>>(TikTokError error) ->
                    new PlatformResult.Failed<>(TikTokAccounts.neutral(error));
        };
    }
}
