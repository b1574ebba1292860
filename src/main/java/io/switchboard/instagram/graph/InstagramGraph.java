package io.switchboard.instagram.graph;

import io.switchboard.platform.Credentials;
import io.switchboard.platform.PlatformMode;
import io.switchboard.platform.PlatformSettings;
import io.switchboard.platform.Profile;
import io.switchboard.platform.SandboxSecret;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.function.Function;

/**
 * The Instagram Graph API, typed. Every method makes one call over HTTP through {@link GraphHttp} (hold-offs,
 * egress route, metrics, redacted logs) and returns a {@link GraphResult}; none throws for a platform error, and
 * none makes other calls of its own (the adapters compose them, in sight). Thread-safe. Tokens go in, never out
 * into logs or errors.
 */
@Service
public class InstagramGraph {
    static final String PROFILE_FIELDS = "user_id,username,name,biography,website,profile_picture_url,"
            + "followers_count,follows_count,media_count";
    private static final String MEDIA_FIELDS = "id,caption,media_type,permalink,timestamp";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter GRAPH_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendPattern("[XXX][XX][X]").toFormatter();
    private final GraphHttp http;
    private final GraphEndpoints endpoints;
    private final InstagramSettings settings;
    private final PlatformSettings shared;

    private final ObjectProvider<SandboxSecret> sandboxSecret;

    InstagramGraph(GraphHttp http, GraphEndpoints endpoints, InstagramSettings settings, PlatformSettings shared,
                   ObjectProvider<SandboxSecret> sandboxSecret) {
        this.http = http;
        this.endpoints = endpoints;
        this.settings = settings;
        this.shared = shared;
        this.sandboxSecret = sandboxSecret;
    }

    public PlatformMode mode() {
        return endpoints.mode();
    }

    /** Whether "Connect with Instagram" can work: always in the sandbox, live with an app id and secret. */
    public boolean oauthAvailable() {
        return mode() == PlatformMode.SANDBOX || settings.appConfigured();
    }

    /**
     * Where to send the operator's browser to grant access; it comes back to {@code redirectUri} with
     * {@code code} and {@code state}. In the sandbox this is a path of this app.
     */
    public String authorizeUrl(URI redirectUri, String state) {
        return UriComponentsBuilder.fromUriString(endpoints.authorize())
                .queryParam("client_id", appId())
                .queryParam("redirect_uri", redirectUri)
                .queryParam("response_type", "code")
                .queryParam("scope", String.join(",", settings.scopes()))
                .queryParam("state", state)
                .encode().build().toUriString();
    }

    /** Exchanges an authorization code for a short-lived token (accepting the answer flat or in {@code data}). */
    public GraphResult<TokenGrant> exchangeCode(String code, URI redirectUri) {
        return http.send(GraphCall.post("oauth.exchange_code", endpoints.oauth("oauth/access_token"))
                .form("client_id", appId()).form("client_secret", appSecret())
                .form("grant_type", "authorization_code").form("redirect_uri", redirectUri).form("code", code),
                body -> {
                    JsonNode grant = body.path("data").isArray() ? body.path("data").path(0) : body;
                    List<String> permissions = new ArrayList<>();
                    JsonNode granted = grant.path("permissions");
                    if (granted.isArray()) {
                        granted.forEach(p -> permissions.add(p.asString("")));
                    } else if (!granted.asString("").isBlank()) {
                        permissions.addAll(List.of(granted.asString("").split(",")));
                    }
                    return new TokenGrant(required(grant, "access_token"), required(grant, "user_id"), permissions);
                });
    }

    /** Exchanges a short-lived token for a 60-day one. */
    public GraphResult<LongLivedToken> longLivedToken(String shortLivedToken) {
        return http.send(GraphCall.get("oauth.long_lived_token", endpoints.unversioned("access_token"))
                .query("grant_type", "ig_exchange_token").query("client_secret", appSecret())
                .query("access_token", shortLivedToken), InstagramGraph::longLived);
    }

    /** Refreshes a long-lived token (at least 24 hours old and unexpired) for another 60 days. */
    public GraphResult<LongLivedToken> refreshToken(Credentials credentials) {
        return http.send(GraphCall.get("oauth.refresh_token", endpoints.unversioned("refresh_access_token"))
                .query("grant_type", "ig_refresh_token").as(credentials), InstagramGraph::longLived);
    }

    /** Whether the token is valid, when it expires, its scopes; asked with the app's token. */
    public GraphResult<TokenInfo> debugToken(Credentials credentials) {
        GraphCall call = GraphCall.get("oauth.debug_token", endpoints.versioned("debug_token"))
                .query("input_token", credentials.accessToken())
                .query("access_token", appId() + "|" + appSecret())
                .onBehalfOf(credentials);
        return http.send(call, body -> {
            JsonNode data = body.path("data");
            long expiresAt = data.path("expires_at").asLong(0);
            List<String> scopes = new ArrayList<>();
            data.path("scopes").forEach(s -> scopes.add(s.asString("")));
            return new TokenInfo(data.path("is_valid").asBoolean(false),
                    expiresAt > 0 ? Instant.ofEpochSecond(expiresAt) : null, scopes,
                    data.hasNonNull("user_id") ? data.path("user_id").asString("") : null);
        });
    }

    /** The account's profile; for {@link Credentials#unconnected} tokens, that of the token's user. */
    public GraphResult<Profile> profile(Credentials credentials) {
        return http.send(GraphCall.get("profile", endpoints.versioned(user(credentials)))
                .query("fields", PROFILE_FIELDS).as(credentials), body -> new Profile(
                body.hasNonNull("user_id") ? body.path("user_id").asString("") : required(body, "id"),
                required(body, "username"), body.path("name").asString(""), body.path("biography").asString(""),
                body.path("website").asString(""),
                body.hasNonNull("profile_picture_url") ? body.path("profile_picture_url").asString("") : null,
                body.path("followers_count").asInt(0), body.path("follows_count").asInt(0),
                body.path("media_count").asInt(0)));
    }

    public GraphResult<Container> createContainer(Credentials credentials, ContainerRequest request) {
        ContainerRequest.Extras extras = request.extras();
        GraphCall call = GraphCall.post("container.create", endpoints.versioned(user(credentials) + "/media"))
                .as(credentials)
                .form("caption", request.caption()).form("share_to_feed", extras.shareToFeed())
                .form("cover_url", extras.coverUrl()).form("thumb_offset", extras.thumbOffsetMillis())
                .form("alt_text", extras.altText()).form("location_id", extras.locationId())
                .form("audio_name", extras.audioName());
        if (!extras.collaborators().isEmpty()) {
            call.form("collaborators", JSON.writeValueAsString(extras.collaborators()));
        }
        if (!extras.userTags().isEmpty()) {
            call.form("user_tags", JSON.writeValueAsString(extras.userTags().stream().map(InstagramGraph::userTag)
                    .toList()));
        }
        if (extras.trialGraduation() != null) {
            call.form("trial_params", JSON.writeValueAsString(Map.of("graduation_strategy",
                    extras.trialGraduation())));
        }
        switch (request.kind()) {
            case IMAGE -> call.form("image_url", request.mediaUrl());
            case REELS -> call.form("media_type", "REELS").form("video_url", request.mediaUrl());
            case IMAGE_STORY -> call.form("media_type", "STORIES").form("image_url", request.mediaUrl());
            case VIDEO_STORY -> call.form("media_type", "STORIES").form("video_url", request.mediaUrl());
            case IMAGE_CAROUSEL_ITEM -> call.form("is_carousel_item", true).form("image_url", request.mediaUrl());
            case VIDEO_CAROUSEL_ITEM -> call.form("is_carousel_item", true).form("media_type", "VIDEO")
                    .form("video_url", request.mediaUrl());
            case CAROUSEL -> call.form("media_type", "CAROUSEL").form("children", String.join(",", request.children()));
        }
        if (request.resumable()) {
            call.form("upload_type", "resumable");
        }
        return http.send(call, body -> new Container(required(body, "id"),
                body.hasNonNull("uri") ? URI.create(body.path("uri").asString("")) : null));
    }

    private static Map<String, Object> userTag(ContainerRequest.UserTag tag) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("username", tag.username());
        if (tag.x() != null && tag.y() != null) {
            shape.put("x", tag.x());
            shape.put("y", tag.y());
        }
        return shape;
    }

    /** Comments on a published post ({@code POST /{ig-media-id}/comments}); answers the comment's id. */
    public GraphResult<String> comment(Credentials credentials, String mediaId, String message) {
        return http.send(GraphCall.post("comment.create", endpoints.versioned(mediaId + "/comments"))
                .form("message", message).as(credentials), body -> required(body, "id"));
    }

    /** The newest comments on a post (at most {@code limit}, up to 50), each with its author's username. */
    public GraphResult<List<Comment>> comments(Credentials credentials, String mediaId, int limit) {
        return http.send(GraphCall.get("comment.list", endpoints.versioned(mediaId + "/comments"))
                .query("fields", "id,text,username,timestamp").query("limit", Math.clamp(limit, 1, 50))
                .as(credentials), body -> {
            List<Comment> comments = new ArrayList<>();
            for (JsonNode item : body.path("data")) {
                comments.add(new Comment(required(item, "id"), item.path("text").asString(""),
                        item.hasNonNull("username") ? item.path("username").asString("") : null));
            }
            return comments;
        });
    }

    /** Sends a resumable container's bytes from a local file. */
    public GraphResult<Container> upload(Credentials credentials, Container container, Path file) {
        return http.send(uploadCall(credentials, container)
                .header("offset", "0").header("file_size", String.valueOf(file.toFile().length()))
                .bodyFile(file), body -> container);
    }

    /** Lets the platform fetch a resumable container's bytes from a public URL. */
    public GraphResult<Container> uploadFromUrl(Credentials credentials, Container container, URI fileUrl) {
        return http.send(uploadCall(credentials, container).header("file_url", fileUrl.toString()), body -> container);
    }

    private GraphCall uploadCall(Credentials credentials, Container container) {
        if (container.uploadUri() == null) {
            throw new IllegalArgumentException("Container " + container.id() + " was not created for a resumable upload");
        }
        return GraphCall.post("container.upload", container.uploadUri())
                .header("Authorization", "OAuth " + credentials.accessToken())
                .timeout(shared.uploadTimeout())
                .onBehalfOf(credentials);
    }

    public GraphResult<ContainerStatus> containerStatus(Credentials credentials, String containerId) {
        return http.send(GraphCall.get("container.status", endpoints.versioned(containerId))
                .query("fields", "status_code,status").as(credentials), body -> {
            ContainerState state = ContainerState.valueOf(required(body, "status_code"));
            String status = body.path("status").asString(state.name());
            GraphProblem problem = switch (state) {
                case ERROR -> GraphErrors.containerError(status, Instant.now());
                case EXPIRED -> new GraphProblem.ContainerExpired(new GraphError(200, 0, 2207020,
                        "The container expired: it was not published within 24 hours", null, null, null), false);
                default -> null;
            };
            return new ContainerStatus(containerId, state, status, problem);
        });
    }

    /**
     * Publishes a FINISHED container. When the quota is used up the problem is {@link GraphProblem.QuotaReached}
     * with the platform's vague estimate of when a slot frees (an hour); {@link #publishingLimit} and
     * {@link #recentMedia} tell when exactly.
     */
    public GraphResult<PublishedMedia> publish(Credentials credentials, String containerId) {
        return http.send(GraphCall.post("media.publish", endpoints.versioned(user(credentials) + "/media_publish"))
                .form("creation_id", containerId).as(credentials), body -> new PublishedMedia(required(body, "id")));
    }

    /** The live publishing quota: posts used within the rolling window, of how many. */
    public GraphResult<PublishingLimit> publishingLimit(Credentials credentials) {
        return http.send(GraphCall.get("media.publishing_limit",
                        endpoints.versioned(user(credentials) + "/content_publishing_limit"))
                .query("fields", "quota_usage,config").as(credentials), body -> {
            JsonNode data = body.path("data").path(0);
            JsonNode config = data.path("config");
            return new PublishingLimit(data.path("quota_usage").asInt(0), config.path("quota_total").asInt(0),
                    Duration.ofSeconds(config.path("quota_duration").asLong(86_400)));
        });
    }

    /** The account's posts, newest first, {@code limit} a page (at most 100). */
    public GraphResult<MediaPage> recentMedia(Credentials credentials, int limit, @Nullable String after) {
        return http.send(GraphCall.get("media.list", endpoints.versioned(user(credentials) + "/media"))
                .query("fields", MEDIA_FIELDS).query("limit", Math.clamp(limit, 1, 100)).query("after", after)
                .as(credentials), InstagramGraph::mediaPage);
    }

    /** One post: its caption, type, permalink and time. */
    public GraphResult<MediaItem> media(Credentials credentials, String mediaId) {
        return http.send(GraphCall.get("media.read", endpoints.versioned(mediaId)).query("fields", MEDIA_FIELDS)
                .as(credentials), InstagramGraph::mediaItem);
    }

    /**
     * A post's lifetime insights: each asked metric's value by name (a metric the platform left out of its answer, as
     * it does for data not available yet, is absent). Needs {@code instagram_business_manage_insights}.
     */
    public GraphResult<java.util.Map<String, Long>> mediaInsights(Credentials credentials, String mediaId,
                                                                List<String> metrics) {
        return http.send(GraphCall.get("media.insights", endpoints.versioned(mediaId + "/insights"))
                .query("metric", String.join(",", metrics)).as(credentials), InstagramGraph::insightValues);
    }

    /** The account's insights over the last day, as totals ({@code metric_type=total_value}). */
    public GraphResult<java.util.Map<String, Long>> userInsights(Credentials credentials, List<String> metrics) {
        return http.send(GraphCall.get("user.insights", endpoints.versioned(user(credentials) + "/insights"))
                .query("metric", String.join(",", metrics)).query("period", "day")
                .query("metric_type", "total_value").as(credentials), InstagramGraph::insightValues);
    }

    /**
     * The account's followers by one breakdown ({@code age}, {@code gender}, {@code country} or {@code city}): Meta's
     * {@code follower_demographics}, a lifetime metric read as a total value over {@code timeframe}; label to followers,
     * empty when Meta has no data (it then answers an empty set rather than zeros).
     */
    public GraphResult<java.util.Map<String, Long>> followerDemographics(Credentials credentials, String breakdown,
                                                                        String timeframe) {
        return http.send(GraphCall.get("user.demographics", endpoints.versioned(user(credentials) + "/insights"))
                .query("metric", "follower_demographics").query("period", "lifetime")
                .query("metric_type", "total_value").query("breakdown", breakdown).query("timeframe", timeframe)
                .as(credentials), InstagramGraph::breakdownValues);
    }

    private static java.util.Map<String, Long> breakdownValues(JsonNode body) {
        java.util.Map<String, Long> values = new java.util.LinkedHashMap<>();
        body.path("data").path(0).path("total_value").path("breakdowns").path(0).path("results").forEach(result -> {
            String label = result.path("dimension_values").path(0).asString("");
            if (!label.isBlank() && result.path("value").isNumber()) {
                values.merge(label, result.path("value").asLong(), Long::sum);
            }
        });
        return values;
    }

    private static java.util.Map<String, Long> insightValues(JsonNode body) {
        java.util.Map<String, Long> values = new java.util.LinkedHashMap<>();
        body.path("data").forEach(metric -> {
            JsonNode value = metric.has("total_value") ? metric.path("total_value").path("value")
                    : metric.path("values").path(0).path("value");
            if (value.isNumber()) {
                values.put(metric.path("name").asString(""), value.asLong());
            }
        });
        return values;
    }

    /** The id of a hashtag (without '#'); counts against the account's 30 hashtags per 7 days. */
    public GraphResult<String> hashtagId(Credentials credentials, String hashtag) {
        return http.send(GraphCall.get("hashtag.search", endpoints.versioned("ig_hashtag_search"))
                .query("user_id", user(credentials)).query("q", hashtag.replaceFirst("^#", ""))
                .as(credentials), body -> required(body.path("data").path(0), "id"));
    }

    public GraphResult<MediaPage> hashtagMedia(Credentials credentials, String hashtagId, HashtagEdge edge,
                                               @Nullable String after) {
        return http.send(GraphCall.get("hashtag." + edge.path(), endpoints.versioned(hashtagId + "/" + edge.path()))
                .query("user_id", user(credentials)).query("fields", MEDIA_FIELDS).query("after", after)
                .as(credentials), InstagramGraph::mediaPage);
    }

    /**
     * Sandbox only: creates accounts in the sandbox, each with an authorization code to connect it through
     * {@link #exchangeCode} like any other. Live, the platform refuses it.
     */
    public GraphResult<List<SandboxGrant>> createSandboxAccounts(int count, String usernamePrefix, URI redirectUri) {
        if (mode() != PlatformMode.SANDBOX) {
            return new GraphResult.Failed<>(new GraphProblem.Refused(GraphError.local(
                    "Sandbox accounts exist only in sandbox mode (switchboard.platform.mode=sandbox).")));
        }
        return http.send(GraphCall.post("sandbox.create_accounts", endpoints.versioned("sandbox_accounts"))
                .form("count", count).form("username_prefix", usernamePrefix).form("redirect_uri", redirectUri)
                .form("client_id", appId()).form("client_secret", appSecret()), body -> {
            List<SandboxGrant> grants = new ArrayList<>();
            body.path("data").forEach(a -> grants.add(new SandboxGrant(required(a, "id"), required(a, "username"),
                    required(a, "code"))));
            return grants;
        });
    }

    /** The user a call is about: the account's id, or {@code me} for a token whose user is not known yet. */
    private static String user(Credentials credentials) {
        return credentials.platformUserId() != null ? credentials.platformUserId() : "me";
    }

    /** In the sandbox any app id does; its secret is the sandbox's own unless one is configured. */
    private String appId() {
        return settings.appId() != null ? settings.appId() : "switchboard-sandbox";
    }

    private String appSecret() {
        if (settings.appSecret() != null) {
            return settings.appSecret();
        }
        SandboxSecret sandbox = sandboxSecret.getIfAvailable();
        return sandbox != null ? sandbox.clientSecret() : "unset";
    }

    private static LongLivedToken longLived(JsonNode body) {
        return new LongLivedToken(required(body, "access_token"), body.path("token_type").asString("bearer"),
                Duration.ofSeconds(body.path("expires_in").asLong(0)));
    }

    private static MediaPage mediaPage(JsonNode body) {
        List<MediaItem> items = new ArrayList<>();
        body.path("data").forEach(item -> items.add(mediaItem(item)));
        JsonNode paging = body.path("paging");
        String after = paging.has("next") ? paging.path("cursors").path("after").asString("") : "";
        return new MediaPage(items, after.isEmpty() ? null : after);
    }

    private static MediaItem mediaItem(JsonNode item) {
        Function<String, @Nullable String> text = f -> item.hasNonNull(f) ? item.path(f).asString("") : null;
        String timestamp = text.apply("timestamp");
        return new MediaItem(required(item, "id"), text.apply("caption"), text.apply("media_type"),
                text.apply("permalink"), timestamp == null ? null : OffsetDateTime.parse(timestamp, GRAPH_TIME).toInstant());
    }

    private static String required(JsonNode node, String field) {
        if (!node.hasNonNull(field) || node.path(field).asString("").isEmpty()) {
            throw new IllegalStateException("the answer has no " + field);
        }
        return node.path(field).asString("");
    }
}
