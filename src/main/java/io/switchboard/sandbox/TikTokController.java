package io.switchboard.sandbox;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TikTok API subset Switchboard calls (Login Kit's token endpoint, user info, the Content Posting API, the video
 * list), at TikTok's paths under {@code /sandbox/tiktok}, answering in TikTok's shape: {@code data} and an
 * {@code error} whose code is {@code ok} on success. Plus one call of the sandbox's own: creating creators with an
 * authorization code each (the sandbox's stand-in for signing in on TikTok).
 */
@RestController
@RequestMapping("/sandbox/tiktok")
@Conditional(SandboxEnabled.class)
class TikTokController {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String DEFAULT_SCOPES = "user.info.basic,user.info.stats,video.publish,video.upload,video.list";
    private final TikTokSandbox sandbox;
    private final TikTokStore store;
    private final AppCredentials app;

    TikTokController(TikTokSandbox sandbox, TikTokStore store, AppCredentials app) {
        this.sandbox = sandbox;
        this.store = store;
        this.app = app;
    }

    @PostMapping("/v2/oauth/token/")
    Map<String, Object> token(@RequestParam("client_key") String clientKey,
                              @RequestParam(value = "client_secret", required = false) @Nullable String secret,
                              @RequestParam("grant_type") String grantType,
                              @RequestParam(required = false) @Nullable String code,
                              @RequestParam(value = "redirect_uri", required = false) @Nullable String redirectUri,
                              @RequestParam(value = "refresh_token", required = false) @Nullable String refreshToken) {
        sandbox.pause("token");
        checkSecret(secret);
        TikTokStore.Token token = switch (grantType) {
            case "authorization_code" -> code == null || redirectUri == null ? null : store.redeem(code, redirectUri)
                    .orElse(null);
            case "refresh_token" -> refreshToken == null ? null : store.byRefresh(refreshToken)
                    .filter(t -> t.revokedAt() == null && t.refreshExpiresAt().isAfter(store.now()))
                    .map(t -> store.issue(t.userId(), t.scopes())).orElse(null);
            default -> null;
        };
        if (token == null) {
            // Login Kit's token endpoint answers errors flat, as OAuth does
            throw new TikTokFault("invalid_grant", 400, "Authorization code or refresh token is expired or invalid.");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("open_id", store.user(token.userId()).orElseThrow().openId());
        answer.put("scope", token.scopes());
        answer.put("access_token", token.accessToken());
        answer.put("expires_in", TikTokStore.ACCESS_LIFETIME.toSeconds());
        answer.put("refresh_token", token.refreshToken());
        answer.put("refresh_expires_in", TikTokStore.REFRESH_LIFETIME.toSeconds());
        answer.put("token_type", "Bearer");
        return answer;
    }

    @GetMapping("/v2/user/info/")
    Map<String, Object> userInfo(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) @Nullable String auth,
                                 @RequestParam(defaultValue = "open_id") String fields) {
        TikTokStore.Token token = sandbox.enter("user_info", auth, "user.info.basic", 600);
        TikTokStore.User user = store.user(token.userId()).orElseThrow();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("open_id", user.openId());
        data.put("union_id", user.openId());
        data.put("display_name", user.nickname());
        data.put("avatar_url", link("/sandbox/avatar/" + user.username()));
        if (List.of(fields.split(",")).contains("username") || fields.contains("profile")) {
            data.put("username", user.username());
        }
        if (token.grants("user.info.stats")) {
            data.put("follower_count", user.followers());
            data.put("following_count", 0);
            data.put("video_count", store.published(user.id(), 1000).size());
            data.put("likes_count", 0);
        }
        data.put("username", user.username());
        return ok(Map.of("user", data));
    }

    @PostMapping("/v2/post/publish/creator_info/query/")
    Map<String, Object> creatorInfo(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) @Nullable String auth) {
        TikTokStore.Token token = sandbox.enter("creator_info", auth, "video.publish", TikTokSandbox.CREATOR_INFO_LIMIT);
        TikTokStore.User user = store.user(token.userId()).orElseThrow();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("creator_avatar_url", link("/sandbox/avatar/" + user.username()));
        data.put("creator_username", user.username());
        data.put("creator_nickname", user.nickname());
        data.put("privacy_level_options", user.privacyOptions());
        data.put("comment_disabled", user.commentDisabled());
        data.put("duet_disabled", user.duetDisabled());
        data.put("stitch_disabled", user.stitchDisabled());
        data.put("max_video_post_duration_sec", user.maxDurationSec());
        return ok(data);
    }

    @PostMapping("/v2/post/publish/video/init/")
    Map<String, Object> directPost(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) @Nullable String auth,
                                   @RequestBody String body) {
        return init(auth, body, false);
    }

    @PostMapping("/v2/post/publish/inbox/video/init/")
    Map<String, Object> draft(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) @Nullable String auth,
                              @RequestBody String body) {
        return init(auth, body, true);
    }

    private Map<String, Object> init(@Nullable String auth, String body, boolean draft) {
        TikTokStore.Token token = sandbox.enter(draft ? "inbox_init" : "init", auth,
                draft ? "video.upload" : "video.publish", TikTokSandbox.INIT_LIMIT);
        JsonNode request = parse(body);
        JsonNode source = request.path("source_info");
        JsonNode post = request.path("post_info");
        Long size = source.path("video_size").isNumber() ? source.path("video_size").asLong() : null;
        TikTokStore.Publish publish = sandbox.init(token, draft, source.path("source").asString(""),
                source.path("video_url").isString() ? source.path("video_url").asString() : null, size,
                post.path("title").asString(""), post.path("privacy_level").isString()
                        ? post.path("privacy_level").asString() : null, post.isObject() ? post.toString() : "{}");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("publish_id", publish.publishId());
        if (publish.source().equals("FILE_UPLOAD")) {
            data.put("upload_url", link("/sandbox/tiktok/upload/" + publish.publishId()));
        }
        return ok(data);
    }

    @PutMapping("/upload/{publishId}")
    Map<String, Object> upload(@PathVariable String publishId,
                               @RequestHeader(value = "Content-Range", required = false) @Nullable String range,
                               @RequestBody byte[] chunk) {
        sandbox.pause("upload");
        TikTokStore.Publish publish = store.publish(publishId).orElseThrow(() -> TikTokFault.of("invalid_params"));
        var matcher = range == null ? null : java.util.regex.Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)").matcher(range);
        if (matcher == null || !matcher.matches() || publish.videoSize() == null
                || Long.parseLong(matcher.group(1)) != publish.uploadedBytes()
                || Long.parseLong(matcher.group(2)) - Long.parseLong(matcher.group(1)) + 1 != chunk.length
                || Long.parseLong(matcher.group(3)) != publish.videoSize()
                || (publish.uploadedBytes() == 0 && !TikTokSandbox.isVideo(chunk))) {
            throw TikTokFault.of("invalid_file_upload");
        }
        store.uploaded(publish.id(), publish.uploadedBytes() + chunk.length);
        return ok(Map.of());
    }

    @PostMapping("/v2/post/publish/status/fetch/")
    Map<String, Object> status(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) @Nullable String auth,
                               @RequestBody String body) {
        TikTokStore.Token token = sandbox.enter("status", auth, null, TikTokSandbox.STATUS_LIMIT);
        String publishId = parse(body).path("publish_id").asString("");
        TikTokStore.Publish publish = store.publish(publishId).filter(p -> p.userId() == token.userId())
                .orElseThrow(() -> new TikTokFault("invalid_params", 400, "publish_id " + publishId + " not found"));
        publish = sandbox.status(publish);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", publish.status());
        if (publish.failReason() != null) {
            data.put("fail_reason", publish.failReason());
        }
        data.put("publicaly_available_post_id", publish.postId() == null ? List.of() : List.of(publish.postId()));
        data.put("uploaded_bytes", publish.uploadedBytes());
        return ok(data);
    }

    @PostMapping("/v2/video/list/")
    Map<String, Object> videos(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) @Nullable String auth) {
        TikTokStore.Token token = sandbox.enter("video_list", auth, "video.list", 600);
        List<Map<String, Object>> videos = new ArrayList<>();
        for (TikTokStore.Publish p : sandbox.published(token.userId(), 20)) {
            Map<String, Object> video = new LinkedHashMap<>();
            video.put("id", p.postId());
            video.put("title", p.title());
            video.put("video_description", p.title());
            video.put("create_time", p.completedAt() == null ? 0 : p.completedAt().toEpochSecond());
            video.put("share_url", link("/sandbox/tiktok/p/" + p.postId()));
            videos.add(video);
        }
        return ok(Map.of("videos", videos, "cursor", 0, "has_more", false));
    }

    @PostMapping("/v2/video/query/")
    Map<String, Object> query(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) @Nullable String auth,
                              @RequestBody String body) {
        TikTokStore.Token token = sandbox.enter("video_query", auth, "video.list", 600);
        List<Map<String, Object>> videos = new ArrayList<>();
        for (JsonNode id : parse(body).path("filters").path("video_ids")) {
            store.byPostId(id.asString("")).filter(p -> p.userId() == token.userId() && p.completedAt() != null)
                    .ifPresent(p -> {
                        // counts that grow with the post's age, as a post's do
                        long minutes = Math.max(1, java.time.Duration.between(p.completedAt(), store.now()).toMinutes());
                        long views = Math.min(1_000_000, minutes * 7 + Math.floorMod(p.postId().hashCode(), 50));
                        Map<String, Object> video = new LinkedHashMap<>();
                        video.put("id", p.postId());
                        video.put("view_count", views);
                        video.put("like_count", views / 10);
                        video.put("comment_count", views / 50);
                        video.put("share_count", views / 100);
                        videos.add(video);
                    });
        }
        return ok(Map.of("videos", videos, "cursor", 0, "has_more", false));
    }

    /** The sandbox's own: new creators, each with a code for the redirect URI, as if each signed in on TikTok. */
    @PostMapping("/sandbox/accounts")
    Map<String, Object> accounts(@RequestParam(value = "client_secret", required = false) @Nullable String secret,
                                 @RequestParam int count, @RequestParam String prefix,
                                 @RequestParam("redirect_uri") String redirectUri) {
        checkSecret(secret);
        if (count < 1 || count > 500 || !prefix.matches("[A-Za-z0-9_.]{1,20}")) {
            throw new TikTokFault("invalid_params", 400, "count must be 1 to 500 and prefix 1 to 20 letters, digits, "
                    + "dots or underscores");
        }
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var user = store.createUser(prefix + "_" + java.util.UUID.randomUUID().toString().substring(0, 8));
            codes.add(store.code(user.id(), redirectUri, DEFAULT_SCOPES));
        }
        return ok(Map.of("codes", codes));
    }

    private void checkSecret(@Nullable String secret) {
        boolean operator = io.switchboard.identity.CurrentOperator.get()
                .map(io.switchboard.identity.CurrentOperator::canChange).orElse(false);
        if (!operator && (secret == null || !MessageDigest.isEqual(app.clientSecret().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8)))) {
            throw new TikTokFault("invalid_client", 401, "Client key or secret is invalid.");
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            throw new TikTokFault("invalid_params", 400, "The request body is not JSON.");
        }
    }

    private static String link(String path) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).toUriString();
    }

    static Map<String, Object> ok(Object data) {
        return Map.of("data", data, "error", Map.of("code", "ok", "message", "", "log_id", logId()));
    }

    static String logId() {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss").format(java.time.LocalDateTime.now())
                + java.util.HexFormat.of().withUpperCase().toHexDigits(java.util.concurrent.ThreadLocalRandom.current().nextLong());
    }
}
