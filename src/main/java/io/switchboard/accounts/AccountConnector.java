package io.switchboard.accounts;

import io.switchboard.platform.GraphCredentials;
import io.switchboard.platform.GraphProblem;
import io.switchboard.platform.GraphResult;
import io.switchboard.platform.InstagramGraph;
import io.switchboard.platform.LongLivedToken;
import io.switchboard.platform.Profile;
import io.switchboard.platform.TokenGrant;
import io.switchboard.platform.TokenInfo;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Connects accounts: checks a token live (whose profile it opens, when it expires), turns an OAuth code into a
 * long-lived token, and stores the account, or reconnects it when it is already known.
 */
@Component
class AccountConnector {
    /** Instagram tokens are a few hundred characters; anything far longer is not one. */
    static final int MAX_TOKEN = 2048;
    private final InstagramGraph graph;
    private final AccountRepository accounts;
    private final TokenVault vault;
    private final StatusChanges statuses;

    AccountConnector(InstagramGraph graph, AccountRepository accounts, TokenVault vault, StatusChanges statuses) {
        this.graph = graph;
        this.accounts = accounts;
        this.vault = vault;
        this.statuses = statuses;
    }

    /** @throws AccountProblem (field "token") when the platform does not accept the token */
    CheckedToken check(String token, @Nullable OffsetDateTime knownExpiry) {
        String clean = token.strip();
        if (clean.isEmpty() || clean.chars().anyMatch(Character::isWhitespace)) {
            throw new AccountProblem("token", "Paste the whole access token: one word, no spaces.");
        }
        if (clean.length() > MAX_TOKEN) {
            throw new AccountProblem("token", "That is not an access token: it has " + clean.length()
                    + " characters, and tokens have at most " + MAX_TOKEN + ".");
        }
        Profile profile = switch (graph.profile(GraphCredentials.unconnected(clean))) {
            case GraphResult.Ok<Profile>(Profile p) -> p;
            case GraphResult.Failed<Profile>(GraphProblem problem) -> throw new AccountProblem("token", refusal(problem));
        };
        OffsetDateTime expiresAt = knownExpiry;
        String scopes = null;
        if (graph.oauthAvailable() && graph.debugToken(new GraphCredentials(null, profile.platformUserId(), clean))
                instanceof GraphResult.Ok<TokenInfo>(TokenInfo info)) {
            expiresAt = info.expiresAt() == null ? knownExpiry : info.expiresAt().atOffset(ZoneOffset.UTC);
            scopes = String.join(",", info.scopes());
        }
        return new CheckedToken(profile, clean, expiresAt, scopes);
    }

    /** The OAuth code from the redirect, exchanged for a long-lived token and checked. */
    CheckedToken exchange(String code, URI redirectUri) {
        TokenGrant grant = switch (graph.exchangeCode(code, redirectUri)) {
            case GraphResult.Ok<TokenGrant>(TokenGrant g) -> g;
            case GraphResult.Failed<TokenGrant>(GraphProblem problem) -> throw new AccountProblem("",
                    "Instagram did not accept the authorization: " + problem.error().summary()
                            + ". Start again with Connect with Instagram.");
        };
        LongLivedToken longLived = switch (graph.longLivedToken(grant.accessToken())) {
            case GraphResult.Ok<LongLivedToken>(LongLivedToken t) -> t;
            case GraphResult.Failed<LongLivedToken>(GraphProblem problem) -> throw new AccountProblem("",
                    "The access granted could not be turned into a 60-day token: " + problem.error().summary()
                            + ". Start again with Connect with Instagram.");
        };
        OffsetDateTime expiry = longLived.expiresIn().isZero() ? null
                : OffsetDateTime.now(ZoneOffset.UTC).plus(longLived.expiresIn());
        return check(longLived.accessToken(), expiry);
    }

    /** Stores the account, or reconnects the known one with this token (ACTIVE again). Returns its id. */
    @Transactional
    long save(CheckedToken checked, ConnectedVia via, AccountOptions options) {
        var existing = accounts.byPlatformUserId(checked.profile().platformUserId());
        if (existing.isPresent()) {
            long id = existing.get().id();
            accounts.replaceToken(id, vault.seal(checked.token()), checked.expiresAt(), checked.scopes(), false);
            accounts.updateProfile(id, checked.profile());
            accounts.health(id, true, "Reconnected: the platform accepted the new token");
            if (existing.get().status() == AccountStatus.NEEDS_RECONNECT) {
                statuses.set(id, AccountStatus.ACTIVE, "");
            }
            return id;
        }
        long id = accounts.insert(new NewAccount(checked.profile(), vault.seal(checked.token()), checked.expiresAt(),
                checked.scopes(), via, options.timeZone(), options.tags(), options.notes(), options.desiredBiography(),
                options.desiredWebsite()));
        accounts.health(id, true, "Connected: the platform accepted the token");
        return id;
    }

    static String refusal(GraphProblem problem) {
        return switch (problem) {
            case GraphProblem.TokenInvalid p -> "The platform refused the token (" + p.error().summary()
                    + "): it is invalid or expired. Copy a fresh long-lived token and try again.";
            case GraphProblem.PermissionMissing p -> "The token lacks a permission (" + p.error().summary()
                    + "): grant instagram_business_basic and instagram_business_content_publish, then try again.";
            case GraphProblem.Throttled p -> "The platform asks us to wait until " + p.until()
                    + " before more calls; try again then.";
            default -> "The token could not be checked: " + problem.error().summary() + ". Try again.";
        };
    }
}
