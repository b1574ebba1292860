package io.switchboard.tiktok;

import io.switchboard.accounts.IssuedToken;
import io.switchboard.accounts.ProfileReader;
import io.switchboard.accounts.TokenFacts;
import io.switchboard.accounts.TokenKeeper;
import io.switchboard.platform.Credentials;
import io.switchboard.platform.Platform;
import io.switchboard.platform.PlatformProblem;
import io.switchboard.platform.PlatformResult;
import io.switchboard.platform.Profile;
import io.switchboard.tiktok.api.TikTokApi;
import io.switchboard.tiktok.api.TikTokError;
import io.switchboard.tiktok.api.TikTokResult;
import io.switchboard.tiktok.api.TikTokUser;
import io.switchboard.tiktok.api.TokenGrant;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;

/**
 * TikTok creators' profiles (user/info) and tokens: TikTok has no call that describes a token, so a token is taken
 * as valid until a call refuses it; renewal uses the refresh token kept with it (Login Kit, 365 days).
 */
@Component
class TikTokAccounts implements ProfileReader, TokenKeeper {
    private final TikTokApi api;

    TikTokAccounts(TikTokApi api) {
        this.api = api;
    }

    @Override
    public Platform platform() {
        return Platform.TIKTOK;
    }

    @Override
    public PlatformResult<Profile> profile(Credentials credentials) {
        return switch (api.user(credentials)) {
            case TikTokResult.Ok<TikTokUser>(TikTokUser user) -> new PlatformResult.Ok<>(new Profile(user.openId(),
                    user.username(), user.displayName(), "", "", user.avatarUrl(), user.followers(), user.following(),
                    user.videos()));
            case TikTokResult.Failed<TikTokUser>(TikTokError error) -> new PlatformResult.Failed<>(neutral(error));
        };
    }

    @Override
    public Map<String, String> optionalPermissions() {
        return Map.of("video.list", "finding a post after a crash and its link", "user.info.stats", "follower counts");
    }

    @Override
    public PlatformResult<TokenFacts> inspect(Credentials credentials) {
        return new PlatformResult.Ok<>(TokenFacts.UNKNOWN);
    }

    @Override
    public PlatformResult<IssuedToken> refresh(Credentials credentials) {
        String refresh = credentials.refreshToken();
        if (refresh == null) {
            return new PlatformResult.Failed<>(new PlatformProblem.TokenRefused("A pasted TikTok access token cannot "
                    + "be renewed (it lives 24 hours); connect the account with TikTok to keep it connected."));
        }
        return issued(api.refresh(refresh));
    }

    static PlatformResult<IssuedToken> issued(TikTokResult<TokenGrant> grant) {
        return switch (grant) {
            case TikTokResult.Ok<TokenGrant>(TokenGrant g) -> new PlatformResult.Ok<>(new IssuedToken(
                    g.accessToken(), Instant.now().plus(g.expiresIn()), g.refreshToken()));
            case TikTokResult.Failed<TokenGrant>(TikTokError error) -> new PlatformResult.Failed<>(neutral(error));
        };
    }

    /** TikTok's errors in the words every module understands. */
    static PlatformProblem neutral(TikTokError error) {
        String message = error.summary();
        return switch (error.code()) {
            case "access_token_invalid", "invalid_grant", "auth_removed" -> new PlatformProblem.TokenRefused(message);
            case "scope_not_authorized", "scope_permission_missed" -> new PlatformProblem.PermissionMissing(message);
            case "rate_limit_exceeded" -> new PlatformProblem.Throttled(message, Instant.now().plusSeconds(60));
            case "spam_risk_user_banned_from_posting" -> new PlatformProblem.Restricted(message);
            case "route_down" -> new PlatformProblem.RouteDown(message);
            case "internal_error", "unreachable", "unreadable" -> new PlatformProblem.Passing(message);
            default -> error.httpStatus() >= 500 ? new PlatformProblem.Passing(message)
                    : new PlatformProblem.Refused(message);
        };
    }
}
