package io.switchboard.instagram;

import io.switchboard.accounts.IssuedToken;
import io.switchboard.accounts.PlatformSignIn;
import io.switchboard.instagram.graph.GraphProblem;
import io.switchboard.instagram.graph.GraphResult;
import io.switchboard.instagram.graph.InstagramGraph;
import io.switchboard.instagram.graph.InstagramSettings;
import io.switchboard.instagram.graph.LongLivedToken;
import io.switchboard.instagram.graph.SandboxGrant;
import io.switchboard.instagram.graph.TokenGrant;
import io.switchboard.platform.Platform;
import io.switchboard.platform.PlatformResult;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Business Login for Instagram: the authorize page, the code exchanged for a 1-hour token and that for a 60-day
 * one; in sandbox mode, demo accounts made in the sandbox with a code each.
 */
@Component
class InstagramSignIn implements PlatformSignIn {
    private final InstagramGraph graph;
    private final InstagramSettings settings;

    InstagramSignIn(InstagramGraph graph, InstagramSettings settings) {
        this.graph = graph;
        this.settings = settings;
    }

    @Override
    public Platform platform() {
        return Platform.INSTAGRAM;
    }

    @Override
    public boolean available() {
        return graph.oauthAvailable();
    }

    @Override
    public List<String> scopes() {
        return settings.scopes();
    }

    @Override
    public String unavailableReason() {
        return "Connect with Instagram needs the Meta app's id and secret: set SWITCHBOARD_INSTAGRAM_APP_ID and "
                + "SWITCHBOARD_INSTAGRAM_APP_SECRET, or paste a token instead.";
    }

    @Override
    public String authorizeUrl(URI redirectUri, String state) {
        return graph.authorizeUrl(redirectUri, state);
    }

    @Override
    public PlatformResult<IssuedToken> exchange(String code, URI redirectUri) {
        return switch (graph.exchangeCode(code, redirectUri)) {
            case GraphResult.Ok<TokenGrant>(TokenGrant grant) ->
                    InstagramProblems.neutral(graph.longLivedToken(grant.accessToken()), InstagramSignIn::issued);
            case GraphResult.Failed<TokenGrant>(GraphProblem problem) ->
                    new PlatformResult.Failed<>(InstagramProblems.neutral(problem));
        };
    }

    @Override
    public PlatformResult<List<String>> sandboxAccounts(int count, String usernamePrefix, URI redirectUri) {
        return InstagramProblems.neutral(graph.createSandboxAccounts(count, usernamePrefix, redirectUri),
                grants -> grants.stream().map(SandboxGrant::code).toList());
    }

    private static IssuedToken issued(LongLivedToken token) {
        return new IssuedToken(token.accessToken(),
                token.expiresIn().isZero() ? null : Instant.now().plus(token.expiresIn()));
    }
}
