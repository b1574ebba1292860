package io.switchboard.tiktok.api;

import io.switchboard.platform.Credentials;
import io.switchboard.platform.Egress;
import io.switchboard.platform.EgressRequest;
import io.switchboard.platform.EgressResponse;
import io.switchboard.platform.EgressRoutes;
import io.switchboard.platform.EgressUnavailable;
import io.switchboard.platform.Hold;
import io.switchboard.platform.HoldOffs;
import io.switchboard.platform.Platform;
import io.switchboard.platform.PlatformMode;
import io.switchboard.platform.PlatformSettings;
import io.switchboard.platform.Redaction;
import io.switchboard.platform.SandboxSecret;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * TikTok's API as Switchboard calls it. Every call on an account's behalf goes through the account's egress route
 * and respects TikTok hold-offs (a {@code rate_limit_exceeded} holds the account on every instance for a minute, the
 * sliding window TikTok counts in); answers are TikTok's {@code data}, errors its {@code error.code}.
 */
@Component
public class TikTokApi {
    private static final Logger log = LoggerFactory.getLogger(TikTokApi.class);
    private static final URI TIKTOK_API = URI.create("https://open.tiktokapis.com");
    private static final String TIKTOK_AUTHORIZE = "https://www.tiktok.com/v2/auth/authorize/";
    /** TikTok's rate limits count in a one-minute sliding window. */
    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);
    private final TikTokSettings settings;
    private final PlatformSettings platform;
    private final PlatformMode mode;
    private final Environment environment;
    private final ObjectProvider<EgressRoutes> routes;
    private final ObjectProvider<SandboxSecret> sandboxSecret;
    private final HoldOffs holdOffs;
    private final JsonMapper json;
    private final Egress direct;

    TikTokApi(TikTokSettings settings, PlatformSettings platform, PlatformMode mode, Environment environment,
              ObjectProvider<EgressRoutes> routes, ObjectProvider<SandboxSecret> sandboxSecret, HoldOffs holdOffs,
              JsonMapper json) {
        this.settings = settings;
        this.platform = platform;
        this.mode = mode;
        this.environment = environment;
        this.routes = routes;
        this.sandboxSecret = sandboxSecret;
        this.holdOffs = holdOffs;
        this.json = json;
        this.direct = Egress.direct(platform.connectTimeout());
    }

    public TikTokSettings settings() {
        return settings;
    }

    /** Whether Login Kit works here: always in the sandbox; live, with the TikTok app's key and secret. */
    public boolean signInAvailable() {
        return mode == PlatformMode.SANDBOX || settings.appConfigured();
    }

    /** Login Kit's authorize page with the scopes, the redirect and the state (a path of this app in the sandbox). */
    public String authorizeUrl(URI redirectUri, String state) {
        String base = settings.authorizeUrl() != null ? settings.authorizeUrl()
                : mode == PlatformMode.SANDBOX ? "/sandbox/oauth/tiktok" : TIKTOK_AUTHORIZE;
        return base + "?client_key=" + encode(clientKey()) + "&scope=" + encode(String.join(",", settings.scopes()))
                + "&response_type=code&redirect_uri=" + encode(redirectUri.toString()) + "&state=" + encode(state);
    }

    public TikTokResult<TokenGrant> exchangeCode(String code, URI redirectUri) {
        return token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri.toString()));
    }

    public TikTokResult<TokenGrant> refresh(String refreshToken) {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    private TikTokResult<TokenGrant> token(Map<String, String> grant) {
        Map<String, String> form = new LinkedHashMap<>(grant);
        form.put("client_key", clientKey());
        form.put("client_secret", clientSecret());
        return send("token", null, form(url("/v2/oauth/token/"), form), body -> new TokenGrant(
                body.path("open_id").asString(), List.of(body.path("scope").asString("").split(",")),
                body.path("access_token").asString(), Duration.ofSeconds(body.path("expires_in").asLong()),
                body.path("refresh_token").asString(), Duration.ofSeconds(body.path("refresh_expires_in").asLong())),
                false);
    }

    /** Sandbox only: new creators, each with an authorization code for the redirect URI. */
    public TikTokResult<List<String>> createSandboxAccounts(int count, String prefix, URI redirectUri) {
        if (mode != PlatformMode.SANDBOX) {
            return new TikTokResult.Failed<>(TikTokError.local("not_sandbox", "Sandbox accounts exist in sandbox "
                    + "mode only."));
        }
        return send("sandbox_accounts", null, form(url("/sandbox/accounts"), Map.of("client_secret", clientSecret(),
                "count", String.valueOf(count), "prefix", prefix, "redirect_uri", redirectUri.toString())),
                body -> list(body.path("data").path("codes")).stream().map(JsonNode::asString).toList(), true);
    }

    public TikTokResult<TikTokUser> user(Credentials credentials) {
        URI uri = url("/v2/user/info/?fields=open_id,union_id,avatar_url,display_name,username,follower_count,"
                + "following_count,video_count");
        return send("user_info", credentials, request("GET", uri, credentials, null), body -> {
            JsonNode user = body.path("data").path("user");
            return new TikTokUser(user.path("open_id").asString(), user.path("username").asString(
                    user.path("display_name").asString("")), user.path("display_name").asString(""),
                    user.path("avatar_url").isString() ? user.path("avatar_url").asString() : null,
                    user.path("follower_count").asInt(0), user.path("following_count").asInt(0),
                    user.path("video_count").asInt(0));
        }, true);
    }

    public TikTokResult<CreatorInfo> creatorInfo(Credentials credentials) {
        return send("creator_info", credentials, request("POST", url("/v2/post/publish/creator_info/query/"),
                credentials, json.createObjectNode()), body -> {
            JsonNode data = body.path("data");
            return new CreatorInfo(data.path("creator_username").asString(""), data.path("creator_nickname").asString(""),
                    list(data.path("privacy_level_options")).stream().map(JsonNode::asString).toList(),
                    data.path("comment_disabled").asBoolean(false), data.path("duet_disabled").asBoolean(false),
                    data.path("stitch_disabled").asBoolean(false), data.path("max_video_post_duration_sec").asInt(0));
        }, true);
    }

    /** The post init (direct post, or the inbox for a draft): the call that publishes. */
    public TikTokResult<Initialised> init(Credentials credentials, PostRequest post) {
        ObjectNode body = json.createObjectNode();
        ObjectNode source = body.putObject("source_info");
        if (post.videoUrl() != null) {
            source.put("source", "PULL_FROM_URL").put("video_url", post.videoUrl().toString());
        } else {
            source.put("source", "FILE_UPLOAD").put("video_size", post.videoSize())
                    .put("chunk_size", post.sentChunkSize()).put("total_chunk_count", post.chunkCount());
        }
        if (!post.draft()) {
            body.putObject("post_info").put("title", post.title()).put("privacy_level", post.privacyLevel())
                    .put("disable_comment", post.disableComment()).put("disable_duet", post.disableDuet())
                    .put("disable_stitch", post.disableStitch()).put("brand_content_toggle", post.brandContent())
                    .put("brand_organic_toggle", post.brandOrganic());
        }
        String path = post.draft() ? "/v2/post/publish/inbox/video/init/" : "/v2/post/publish/video/init/";
        return send(post.draft() ? "inbox_init" : "init", credentials, request("POST", url(path), credentials, body),
                answer -> new Initialised(answer.path("data").path("publish_id").asString(),
                        answer.path("data").path("upload_url").isString()
                                ? answer.path("data").path("upload_url").asString() : null), true);
    }

    /** One chunk of a FILE_UPLOAD: bytes {@code first} to {@code first + bytes.length - 1} of {@code total}. */
    public TikTokResult<Long> upload(Credentials credentials, String uploadUrl, byte[] bytes, long first, long total) {
        EgressRequest request = new EgressRequest("PUT", URI.create(uploadUrl), Map.of("Content-Type", "video/mp4",
                "Content-Range", "bytes " + first + "-" + (first + bytes.length - 1) + "/" + total), bytes, null,
                platform.uploadTimeout());
        return send("upload", credentials, request, body -> first + bytes.length, true);
    }

    public TikTokResult<PublishStatus> status(Credentials credentials, String publishId) {
        ObjectNode body = json.createObjectNode().put("publish_id", publishId);
        return send("status", credentials, request("POST", url("/v2/post/publish/status/fetch/"), credentials, body),
                answer -> {
                    JsonNode data = answer.path("data");
                    List<JsonNode> ids = list(data.path("publicaly_available_post_id"));
                    return new PublishStatus(data.path("status").asString(""),
                            data.path("fail_reason").isString() ? data.path("fail_reason").asString() : null,
                            ids.isEmpty() ? null : ids.getFirst().asString(), data.path("uploaded_bytes").asLong(0));
                }, true);
    }

    /** The creator's latest videos (needs video.list). */
    public TikTokResult<List<TikTokVideo>> videos(Credentials credentials, int count) {
        ObjectNode body = json.createObjectNode().put("max_count", Math.min(20, count));
        URI uri = url("/v2/video/list/?fields=id,title,video_description,create_time,share_url");
        return send("video_list", credentials, request("POST", uri, credentials, body), answer -> list(
                answer.path("data").path("videos")).stream().map(v -> new TikTokVideo(v.path("id").asString(),
                v.path("title").asString(v.path("video_description").asString("")),
                Instant.ofEpochSecond(v.path("create_time").asLong()),
                v.path("share_url").isString() ? v.path("share_url").asString() : null)).toList(), true);
    }

    /** A video's counts (video/query, needs video.list): view_count, like_count, comment_count, share_count. */
    public TikTokResult<Map<String, Long>> videoCounts(Credentials credentials, String videoId) {
        ObjectNode body = json.createObjectNode();
        body.putObject("filters").putArray("video_ids").add(videoId);
        URI uri = url("/v2/video/query/?fields=id,view_count,like_count,comment_count,share_count");
        return send("video_query", credentials, request("POST", uri, credentials, body), answer -> {
            List<JsonNode> videos = list(answer.path("data").path("videos"));
            if (videos.isEmpty()) {
                throw new IllegalStateException("TikTok listed no video " + videoId);
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String field : List.of("view_count", "like_count", "comment_count", "share_count")) {
                counts.put(field, videos.getFirst().path(field).asLong(0));
            }
            return counts;
        }, true);
    }

    private <T> TikTokResult<T> send(String name, @Nullable Credentials credentials, EgressRequest request,
                                     Function<JsonNode, T> parser, boolean wrapped) {
        String user = credentials == null ? null : credentials.platformUserId();
        Optional<Hold> hold = holdOffs.inForce(Platform.TIKTOK, user);
        if (hold.isPresent()) {
            return new TikTokResult.Failed<>(new TikTokError(429, "rate_limit_exceeded", "Holding off TikTok calls "
                    + "for " + (hold.get().wholeApp() ? "the whole app" : "this account") + " until "
                    + hold.get().until() + ": " + hold.get().reason(), null));
        }
        Egress egress = credentials == null ? direct
                : routes.getIfAvailable(() -> account -> direct).forAccount(credentials.accountId());
        EgressResponse response;
        try {
            response = egress.send(request);
        } catch (EgressUnavailable e) {
            return new TikTokResult.Failed<>(TikTokError.local("route_down", "The egress route " + egress.name()
                    + " is unavailable: " + Redaction.query(String.valueOf(e.getMessage()))));
        } catch (HttpTimeoutException e) {
            return unreachable(name, egress, "no answer within " + request.timeout().toSeconds() + " s");
        } catch (IOException e) {
            return unreachable(name, egress, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable(name, egress, "interrupted");
        }
        JsonNode body = read(response.body());
        String code = body == null ? null : wrapped ? body.path("error").path("code").asString(null)
                : body.path("error").isString() ? body.path("error").asString() : null;
        if (response.status() / 100 == 2 && body != null && (code == null || code.equals("ok"))) {
            try {
                return new TikTokResult.Ok<>(parser.apply(body));
            } catch (RuntimeException e) {
                return new TikTokResult.Failed<>(TikTokError.local("unreadable", "TikTok's answer to " + name
                        + " could not be read: " + e.getClass().getSimpleName()));
            }
        }
        TikTokError error = new TikTokError(response.status(), code != null ? code
                : response.status() >= 500 ? "internal_error" : "http_" + response.status(),
                body == null ? "HTTP " + response.status() + " without a TikTok error body"
                        : wrapped ? body.path("error").path("message").asString("")
                        : body.path("error_description").asString(""),
                body == null ? null : wrapped ? body.path("error").path("log_id").asString(null)
                        : body.path("log_id").asString(null));
        if (error.code().equals("rate_limit_exceeded") && user != null) {
            holdOffs.holdUser(Platform.TIKTOK, user, RATE_WINDOW, "TikTok rate limit on " + name);
        }
        log.warn("TikTok {} {} failed: {}", name, Redaction.uri(request.uri()), error.summary());
        return new TikTokResult.Failed<>(error);
    }

    private <T> TikTokResult<T> unreachable(String name, Egress egress, String why) {
        log.warn("TikTok {} through {} got no answer: {}", name, egress.name(), why);
        return new TikTokResult.Failed<>(TikTokError.local("unreachable", "TikTok could not be reached through "
                + egress.name() + ": " + why));
    }

    private EgressRequest request(String method, URI uri, Credentials credentials, @Nullable JsonNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + credentials.accessToken());
        if (body != null) {
            headers.put("Content-Type", "application/json; charset=UTF-8");
        }
        return new EgressRequest(method, uri, headers, body == null ? new byte[0]
                : json.writeValueAsBytes(body), null, platform.readTimeout());
    }

    private EgressRequest form(URI uri, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return new EgressRequest("POST", uri, Map.of("Content-Type", "application/x-www-form-urlencoded"),
                body.getBytes(StandardCharsets.UTF_8), null, platform.readTimeout());
    }

    private URI url(String path) {
        URI base = settings.apiUrl() != null ? settings.apiUrl() : mode == PlatformMode.SANDBOX ? sandbox() : TIKTOK_API;
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        return URI.create(root + path);
    }

    private URI sandbox() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return URI.create("http://localhost:" + port + "/sandbox/tiktok");
    }

    private String clientKey() {
        return settings.clientKey() != null ? settings.clientKey() : "switchboard-sandbox";
    }

    private String clientSecret() {
        if (settings.clientSecret() != null && !settings.clientSecret().isBlank()) {
            return settings.clientSecret();
        }
        SandboxSecret secret = sandboxSecret.getIfAvailable();
        return secret == null ? "" : secret.clientSecret();
    }

    private @Nullable JsonNode read(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
