package io.switchboard.tiktok;

import io.switchboard.insights.AccountMetrics;
import io.switchboard.insights.MetricsFetcher;
import io.switchboard.insights.PostMetrics;
import io.switchboard.platform.Credentials;
import io.switchboard.platform.Platform;
import io.switchboard.platform.PlatformResult;
import io.switchboard.publishing.PostType;
import io.switchboard.tiktok.api.TikTokApi;
import io.switchboard.tiktok.api.TikTokError;
import io.switchboard.tiktok.api.TikTokResult;
import io.switchboard.tiktok.api.TikTokUser;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Insights through TikTok's Display API: a post's views, likes, comments and shares (video/query, needs video.list);
 * the account's followers (user/info with user.info.stats). TikTok reports no reach, saves or daily account metrics
 * there, so those are 0.
 */
@Component
class TikTokMetrics implements MetricsFetcher {
    private final TikTokApi api;

    TikTokMetrics(TikTokApi api) {
        this.api = api;
    }

    @Override
    public Platform platform() {
        return Platform.TIKTOK;
    }

    @Override
    public String permission() {
        return "video.list";
    }

    @Override
    public PlatformResult<PostMetrics> post(Credentials credentials, String mediaId, PostType type) {
        return switch (api.videoCounts(credentials, mediaId)) {
            case TikTokResult.Ok<Map<String, Long>>(Map<String, Long> c) -> {
                long likes = c.get("like_count");
                long comments = c.get("comment_count");
                long shares = c.get("share_count");
                yield new PlatformResult.Ok<>(new PostMetrics(c.get("view_count"), 0, likes, comments, shares, 0,
                        likes + comments + shares, null));
            }
            case TikTokResult.Failed<Map<String, Long>>(TikTokError error) ->
                    new PlatformResult.Failed<>(TikTokAccounts.neutral(error));
        };
    }

    @Override
    public PlatformResult<AccountMetrics> account(Credentials credentials) {
        return switch (api.user(credentials)) {
            case TikTokResult.Ok<TikTokUser>(TikTokUser user) ->
                    new PlatformResult.Ok<>(new AccountMetrics(user.followers(), 0, 0, 0, 0));
            case TikTokResult.Failed<TikTokUser>(TikTokError error) ->
                    new PlatformResult.Failed<>(TikTokAccounts.neutral(error));
        };
    }
}
