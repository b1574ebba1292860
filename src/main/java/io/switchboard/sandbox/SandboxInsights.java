package io.switchboard.sandbox;

import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Media Insights and User Insights endpoints, answered from {@link MetricModel}: Meta's answer shapes, the metrics
 * Meta lists today (the removed ones refused as Meta refuses them), error 10 without
 * {@code instagram_business_manage_insights}, and no insights for a Story past its 24 hours or media older than the
 * two years Meta keeps.
 */
@Service
@Conditional(SandboxEnabled.class)
class SandboxInsights {
    static final String PERMISSION = "instagram_business_manage_insights";
    private static final Set<String> MEDIA_METRICS = Set.of("views", "reach", "likes", "comments", "shares", "saved",
            "total_interactions", "ig_reels_avg_watch_time", "ig_reels_video_view_total_time", "replies",
            "profile_visits", "follows");
    private static final Set<String> REMOVED = Set.of("impressions", "plays", "video_views", "clips_replays_count",
            "ig_reels_aggregated_all_plays_count", "engagement");
    private static final Set<String> USER_METRICS = Set.of("reach", "views", "profile_views", "accounts_engaged",
            "total_interactions", "follower_count");
    private static final Duration STORY_LIFETIME = Duration.ofHours(24);
    private static final Duration KEPT = Duration.ofDays(730);
    private final AccountStore accounts;
    private final ContainerStore containers;

    SandboxInsights(AccountStore accounts, ContainerStore containers) {
        this.accounts = accounts;
        this.containers = containers;
    }

    Map<String, Object> media(Gate.Caller caller, String mediaId, String metric) {
        permitted(caller);
        SandboxPost post = containers.post(SandboxPublishing.parseId(mediaId))
                .filter(p -> p.accountId() == caller.accountId())
                .orElseThrow(() -> GraphFault.noSuchObject(mediaId));
        OffsetDateTime now = accounts.now();
        Duration age = MetricModel.age(post.publishedAt(), now);
        if (post.mediaType().equals("STORIES") && age.compareTo(STORY_LIFETIME) > 0) {
            throw new GraphFault(10, 2108006, "(#10) Insights are not available for this story: stories keep "
                    + "insights for 24 hours");
        }
        if (age.compareTo(KEPT) > 0) {
            throw new GraphFault(100, 2108006, "Media posted before the insights retention period: insights are "
                    + "kept for 2 years");
        }
        List<String> wanted = metrics(metric, MEDIA_METRICS);
        SandboxAccount account = accounts.byId(caller.accountId()).orElseThrow();
        MetricModel.Post m = MetricModel.post(post.id(), post.mediaType(), account.followers(), age);
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("views", m.views());
        values.put("reach", m.reach());
        values.put("likes", m.likes());
        values.put("comments", m.comments());
        values.put("shares", m.shares());
        values.put("saved", m.saved());
        values.put("total_interactions", m.interactions());
        values.put("replies", 0L);
        values.put("profile_visits", Math.round(m.reach() * 0.02));
        values.put("follows", Math.round(m.reach() * 0.002));
        if (post.mediaType().equals("VIDEO")) {
            values.put("ig_reels_avg_watch_time", m.avgWatchMillis());
            values.put("ig_reels_video_view_total_time", m.avgWatchMillis() * m.views());
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (String name : wanted) {
            Long value = values.get(name);
            if (value == null) {
                throw GraphFault.invalidParameter("(#100) The Media Insights API does not support the " + name
                        + " metric for this media product type");
            }
            data.add(Map.of("name", name, "period", "lifetime", "values", List.of(Map.of("value", value)),
                    "id", mediaId + "/insights/" + name + "/lifetime"));
        }
        return Map.of("data", data);
    }

    Map<String, Object> user(Gate.Caller caller, String metric) {
        permitted(caller);
        List<String> wanted = metrics(metric, USER_METRICS);
        OffsetDateTime now = accounts.now();
        SandboxAccount account = accounts.byId(caller.accountId()).orElseThrow();
        long followers = followers(account, now);
        var yesterday = now.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().minusDays(1);
        MetricModel.Day day = MetricModel.day(account.id(), followers, yesterday);
        Map<String, Long> values = Map.of("reach", day.reach(), "views", day.views(), "profile_views",
                day.profileViews(), "accounts_engaged", day.engaged(), "total_interactions", day.engaged() * 2,
                "follower_count", Math.max(0, followers - MetricModel.followers(account.id(), account.followers(),
                        MetricModel.age(account.createdAt(), now.minusDays(1)))));
        List<Map<String, Object>> data = new ArrayList<>();
        for (String name : wanted) {
            data.add(Map.of("name", name, "period", "day", "total_value", Map.of("value", values.get(name)),
                    "id", account.id() + "/insights/" + name + "/day"));
        }
        return Map.of("data", data);
    }

    /** The account's followers now: those it was created with, grown at its seeded rate. */
    long followers(SandboxAccount account, OffsetDateTime now) {
        return MetricModel.followers(account.id(), account.followers(), MetricModel.age(account.createdAt(), now));
    }

    static void permitted(Gate.Caller caller) {
        if (!caller.token().scopeList().contains(PERMISSION)) {
            throw new GraphFault(10, null, "(#10) Application does not have permission for this action");
        }
    }

    private static List<String> metrics(String metric, Set<String> known) {
        List<String> wanted = new ArrayList<>();
        for (String name : metric.split(",")) {
            String m = name.strip();
            if (REMOVED.contains(m)) {
                throw GraphFault.invalidParameter("(#100) " + m + " metric is no longer supported: it was removed "
                        + "on April 21, 2025; use views");
            }
            if (!known.contains(m)) {
                throw GraphFault.invalidParameter("(#100) metric[" + wanted.size() + "] must be one of the "
                        + "following values: " + String.join(", ", known.stream().sorted().toList()));
            }
            wanted.add(m);
        }
        return wanted;
    }
}
