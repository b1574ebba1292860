package io.switchboard.sandbox;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Conditional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Graph API subset Switchboard calls, at the paths Meta serves them (graph.instagram.com and
 * api.instagram.com), under {@code /sandbox/graph}. Parameters come in the query or a form body, the token as
 * {@code access_token} or an {@code Authorization} header, as Meta accepts them.
 */
@RestController
@RequestMapping("/sandbox/graph")
@Conditional(SandboxEnabled.class)
class GraphController {
    private static final String V = "/{version:v\\d+\\.\\d+}";
    /** The container options kept as sent (checked by {@link OptionRules}). */
    private static final List<String> OPTION_PARAMETERS = List.of("alt_text", "collaborators", "user_tags",
            "location_id", "audio_name", "cover_url", "thumb_offset", "trial_params");
    private final Gate gate;
    private final SandboxOAuth oauth;
    private final SandboxPublishing publishing;
    private final SandboxReads reads;
    private final AppCredentials app;
    private final SandboxInsights insights;
    private final SandboxDemographics demographics;

    GraphController(Gate gate, SandboxOAuth oauth, SandboxPublishing publishing, SandboxReads reads,
                    AppCredentials app, SandboxInsights insights,
                    SandboxDemographics demographics) {
        this.insights = insights;
        this.demographics = demographics;
        this.gate = gate;
        this.app = app;
        this.oauth = oauth;
        this.publishing = publishing;
        this.reads = reads;
    }

    @PostMapping("/oauth/access_token")
    Map<String, Object> exchangeCode(@RequestParam("grant_type") String grantType, @RequestParam String code,
                                     @RequestParam("redirect_uri") String redirectUri,
                                     @RequestParam(value = "client_secret", required = false) @Nullable String secret,
                                     HttpServletResponse response) {
        app.check(secret);
        gate.enterAsApp("token", response);
        if (!grantType.equals("authorization_code")) {
            throw GraphFault.invalidParameter("grant_type must be authorization_code");
        }
        return oauth.exchangeCode(code, redirectUri);
    }

    @GetMapping({"/access_token", V + "/access_token"})
    Map<String, Object> longLived(@RequestParam("grant_type") String grantType, HttpServletRequest request,
                                  HttpServletResponse response) {
        Gate.Caller caller = gate.enter("token", token(request), response);
        if (!grantType.equals("ig_exchange_token")) {
            throw GraphFault.invalidParameter("grant_type must be ig_exchange_token");
        }
        return oauth.longLived(caller);
    }

    @GetMapping({"/refresh_access_token", V + "/refresh_access_token"})
    Map<String, Object> refresh(@RequestParam("grant_type") String grantType, HttpServletRequest request,
                                HttpServletResponse response) {
        Gate.Caller caller = gate.enter("token", token(request), response);
        if (!grantType.equals("ig_refresh_token")) {
            throw GraphFault.invalidParameter("grant_type must be ig_refresh_token");
        }
        return oauth.refresh(caller);
    }

    @GetMapping(V + "/debug_token")
    Map<String, Object> debugToken(@RequestParam("input_token") String inputToken,
                                   @RequestParam(value = "access_token", required = false) @Nullable String appToken,
                                   HttpServletResponse response) {
        app.check(appToken == null ? null : appToken.substring(appToken.indexOf('|') + 1));
        gate.enterAsApp("token", response);
        return oauth.debug(inputToken);
    }

    @PostMapping(V + "/sandbox_accounts")
    Map<String, Object> createAccounts(@RequestParam int count, @RequestParam("username_prefix") String prefix,
                                       @RequestParam("redirect_uri") String redirectUri,
                                       @RequestParam(value = "client_secret", required = false) @Nullable String secret,
                                       HttpServletResponse response) {
        app.check(secret);
        gate.enterAsApp("token", response);
        return Map.of("data", oauth.createAccounts(count, prefix, redirectUri));
    }

    @GetMapping(V + "/me")
    Map<String, Object> me(@RequestParam(required = false) @Nullable String fields, HttpServletRequest request,
                           HttpServletResponse response) {
        Gate.Caller caller = gate.enter("profile", token(request), response);
        return reads.object(caller.accountId(), String.valueOf(caller.accountId()), fields, links());
    }

    @GetMapping(V + "/ig_hashtag_search")
    Map<String, Object> hashtagSearch(@RequestParam String q, HttpServletRequest request, HttpServletResponse response) {
        gate.enter("hashtag", token(request), response);
        return reads.hashtagSearch(q);
    }

    @GetMapping(V + "/{id}")
    Map<String, Object> object(@PathVariable String id, @RequestParam(required = false) @Nullable String fields,
                               HttpServletRequest request, HttpServletResponse response) {
        String call = fields != null && fields.contains("status_code") ? "status" : "profile";
        Gate.Caller caller = gate.enter(call, token(request), response);
        return reads.object(caller.accountId(), id, fields, links());
    }

    @GetMapping(V + "/{id}/insights")
    Map<String, Object> insights(@PathVariable String id, @RequestParam String metric,
                                 @RequestParam(required = false) @Nullable String period,
                                 @RequestParam(value = "metric_type", required = false) @Nullable String metricType,
                                 @RequestParam(required = false) @Nullable String breakdown,
                                 @RequestParam(required = false) @Nullable String timeframe, HttpServletRequest request,
                                 HttpServletResponse response) {
        Gate.Caller caller = gate.enter("insights", token(request), response);
        if (!id.equals(String.valueOf(caller.accountId()))) {
            return insights.media(caller, id, metric);
        }
        return metric.strip().equals(SandboxDemographics.METRIC)
                ? demographics.answer(caller, period, metricType, breakdown, timeframe)
                : insights.user(caller, metric);
    }

    @PostMapping(V + "/{userId}/media")
    Map<String, Object> createContainer(@PathVariable String userId, @PathVariable String version,
                                        @RequestParam(value = "media_type", required = false) @Nullable String mediaType,
                                        @RequestParam(value = "image_url", required = false) @Nullable String imageUrl,
                                        @RequestParam(value = "video_url", required = false) @Nullable String videoUrl,
                                        @RequestParam(required = false) @Nullable String caption,
                                        @RequestParam(value = "is_carousel_item", defaultValue = "false") boolean carouselItem,
                                        @RequestParam(required = false) @Nullable String children,
                                        @RequestParam(value = "upload_type", required = false) @Nullable String uploadType,
                                        @RequestParam(value = "share_to_feed", required = false) @Nullable Boolean shareToFeed,
                                        HttpServletRequest request, HttpServletResponse response) {
        Gate.Caller caller = own(userId, gate.enter("container", token(request), response));
        Map<String, String> options = new LinkedHashMap<>();
        for (String name : OPTION_PARAMETERS) {
            String value = request.getParameter(name);
            if (value != null) {
                options.put(name, value);
            }
        }
        return publishing.create(caller.accountId(), new SandboxPublishing.CreateParameters(mediaType, imageUrl,
                        videoUrl, caption, carouselItem, children, uploadType, shareToFeed, options),
                base() + "/sandbox/graph/ig-api-upload/" + version);
    }

    @PostMapping(V + "/{mediaId}/comments")
    Map<String, Object> comment(@PathVariable String mediaId, @RequestParam String message,
                                HttpServletRequest request, HttpServletResponse response) {
        Gate.Caller caller = gate.enter("comment", token(request), response);
        return publishing.comment(caller.accountId(), caller.token(), mediaId, message);
    }

    @GetMapping(V + "/{mediaId}/comments")
    Map<String, Object> comments(@PathVariable String mediaId, @RequestParam(defaultValue = "25") int limit,
                                 HttpServletRequest request, HttpServletResponse response) {
        Gate.Caller caller = gate.enter("comments", token(request), response);
        return publishing.comments(caller.token(), mediaId, limit);
    }

    @PostMapping(V + "/{userId}/media_publish")
    Map<String, Object> publish(@PathVariable String userId, @RequestParam("creation_id") String creationId,
                                HttpServletRequest request, HttpServletResponse response) {
        Gate.Caller caller = own(userId, gate.enter("publish", token(request), response));
        return publishing.publish(caller.accountId(), creationId);
    }

    @GetMapping(V + "/{userId}/content_publishing_limit")
    Map<String, Object> publishingLimit(@PathVariable String userId, HttpServletRequest request,
                                        HttpServletResponse response) {
        Gate.Caller caller = own(userId, gate.enter("quota", token(request), response));
        return publishing.publishingLimit(caller.accountId());
    }

    @GetMapping(V + "/{userId}/media")
    Map<String, Object> posts(@PathVariable String userId, @RequestParam(required = false) @Nullable String fields,
                              @RequestParam(required = false) @Nullable String after,
                              @RequestParam(defaultValue = "25") int limit,
                              HttpServletRequest request, HttpServletResponse response) {
        Gate.Caller caller = own(userId, gate.enter("media", token(request), response));
        return reads.posts(caller.accountId(), after, limit, fields, links());
    }

    @GetMapping(V + "/{hashtagId}/{edge:recent_media|top_media}")
    Map<String, Object> hashtagMedia(@PathVariable String hashtagId, @PathVariable String edge,
                                     @RequestParam(required = false) @Nullable String fields,
                                     @RequestParam(required = false) @Nullable String after,
                                     HttpServletRequest request, HttpServletResponse response) {
        gate.enter("hashtag", token(request), response);
        return reads.hashtagMedia(hashtagId, edge.equals("recent_media"), after, fields, links());
    }

    @PostMapping("/ig-api-upload" + V + "/{containerId}")
    Map<String, Object> upload(@PathVariable String containerId,
                               @RequestHeader(value = "file_url", required = false) @Nullable String fileUrl,
                               HttpServletRequest request, HttpServletResponse response) throws IOException {
        Gate.Caller caller = gate.enter("upload", token(request), response);
        return publishing.upload(caller.accountId(), containerId, fileUrl, request.getInputStream());
    }

    private static Gate.Caller own(String userId, Gate.Caller caller) {
        if (!userId.equals(String.valueOf(caller.accountId()))) {
            throw GraphFault.noSuchObject(userId);
        }
        return caller;
    }

    private static @Nullable String token(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && (header.startsWith("Bearer ") || header.startsWith("OAuth "))) {
            return header.substring(header.indexOf(' ') + 1).strip();
        }
        return request.getParameter("access_token");
    }

    private static SandboxReads.Links links() {
        return new SandboxReads.Links(base());
    }

    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
