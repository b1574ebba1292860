package io.switchboard.instagram;

import io.switchboard.accounts.IssuedToken;
import io.switchboard.accounts.ProfileReader;
import io.switchboard.accounts.TokenFacts;
import io.switchboard.accounts.TokenKeeper;
import io.switchboard.instagram.graph.InstagramGraph;
import io.switchboard.platform.Credentials;
import io.switchboard.platform.Platform;
import io.switchboard.platform.PlatformResult;
import io.switchboard.platform.Profile;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Instagram accounts' profiles and tokens: the profile as the Graph API reads it, {@code debug_token} where the
 * app can ask it (the sandbox, or live with the Meta app's id and secret), and the 60-day token refresh.
 */
@Component
class InstagramAccounts implements ProfileReader, TokenKeeper {
    private final InstagramGraph graph;

    InstagramAccounts(InstagramGraph graph) {
        this.graph = graph;
    }

    @Override
    public Platform platform() {
        return Platform.INSTAGRAM;
    }

    @Override
    public PlatformResult<Profile> profile(Credentials credentials) {
        return InstagramProblems.neutral(graph.profile(credentials), profile -> profile);
    }

    @Override
    public java.util.Map<String, String> optionalPermissions() {
        return java.util.Map.of(InstagramMetrics.PERMISSION, "post and account insights are not collected",
                InstagramPublisher.COMMENTS_PERMISSION, "first comments are not posted");
    }

    @Override
    public PlatformResult<TokenFacts> inspect(Credentials credentials) {
        if (!graph.oauthAvailable()) {
            return new PlatformResult.Ok<>(TokenFacts.UNKNOWN);
        }
        return InstagramProblems.neutral(graph.debugToken(credentials),
                info -> new TokenFacts(info.valid(), info.expiresAt(), info.scopes()));
    }

    @Override
    public PlatformResult<IssuedToken> refresh(Credentials credentials) {
        return InstagramProblems.neutral(graph.refreshToken(credentials), token -> new IssuedToken(token.accessToken(),
                token.expiresIn().isZero() ? null : Instant.now().plus(token.expiresIn())));
    }
}
