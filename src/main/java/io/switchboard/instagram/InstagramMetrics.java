package io.switchboard.instagram;

import io.switchboard.insights.AccountMetrics;
import io.switchboard.insights.Breakdown;
import io.switchboard.insights.MetricsFetcher;
import io.switchboard.insights.PostMetrics;
import io.switchboard.instagram.graph.GraphResult;
import io.switchboard.instagram.graph.InstagramGraph;
import io.switchboard.platform.Credentials;
import io.switchboard.platform.Platform;
import io.switchboard.platform.PlatformResult;
import io.switchboard.platform.Profile;
import io.switchboard.publishing.PostType;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Insights through the Graph API's Media Insights and User Insights (the metrics Meta lists today; {@code impressions},
 * {@code plays}, {@code video_views} and the other metrics removed on 2025-04-21 are never asked for).
 */
@Component
class InstagramMetrics implements MetricsFetcher {
    static final String PERMISSION = "instagram_business_manage_insights";
    private static final List<String> FEED = List.of("views", "reach", "likes", "comments", "shares", "saved",
            "total_interactions");
    private static final List<String> REELS = List.of("views", "reach", "likes", "comments", "shares", "saved",
            "total_interactions", "ig_reels_avg_watch_time");
    private static final List<String> STORY = List.of("views", "reach", "shares", "total_interactions");
    private static final List<String> ACCOUNT = List.of("reach", "views", "profile_views", "accounts_engaged");
    /** The period the demographics cover ({@code this_week} or {@code this_month}, see docs/development/platform-facts.md). */
    private static final String TIMEFRAME = "this_month";
    private final InstagramGraph graph;

    InstagramMetrics(InstagramGraph graph) {
        this.graph = graph;
    }

    @Override
    public Platform platform() {
        return Platform.INSTAGRAM;
    }

    @Override
    public String permission() {
        return PERMISSION;
    }

    @Override
    public PlatformResult<PostMetrics> post(Credentials credentials, String mediaId, PostType type) {
        List<String> metrics = switch (type) {
            case REELS -> REELS;
            case STORIES -> STORY;
            case IMAGE, CAROUSEL -> FEED;
        };
        return InstagramProblems.neutral(graph.mediaInsights(credentials, mediaId, metrics), v -> new PostMetrics(
                v.getOrDefault("views", 0L), v.getOrDefault("reach", 0L), v.getOrDefault("likes", 0L),
                v.getOrDefault("comments", 0L), v.getOrDefault("shares", 0L), v.getOrDefault("saved", 0L),
                v.getOrDefault("total_interactions", 0L), v.get("ig_reels_avg_watch_time")));
    }

    @Override
    public Set<Breakdown> demographicBreakdowns() {
        return EnumSet.allOf(Breakdown.class);
    }

    @Override
    public PlatformResult<Map<String, Long>> followerDemographics(Credentials credentials, Breakdown breakdown) {
        return InstagramProblems.neutral(graph.followerDemographics(credentials, breakdown.key(), TIMEFRAME), v -> v);
    }

    @Override
    public PlatformResult<AccountMetrics> account(Credentials credentials) {
        GraphResult<Map<String, Long>> day = graph.userInsights(credentials, ACCOUNT);
        if (day instanceof GraphResult.Failed<Map<String, Long>>(var problem)) {
            return new PlatformResult.Failed<>(InstagramProblems.neutral(problem));
        }
        Map<String, Long> v = ((GraphResult.Ok<Map<String, Long>>) day).value();
        return InstagramProblems.neutral(graph.profile(credentials), (Profile profile) -> new AccountMetrics(
                profile.followers(), v.getOrDefault("reach", 0L), v.getOrDefault("views", 0L),
                v.getOrDefault("profile_views", 0L), v.getOrDefault("accounts_engaged", 0L)));
    }
}
