package io.switchboard.sandbox;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the TikTok sandbox does behind its endpoints: the token check, the per-token rate limits of each endpoint
 * and injected faults before anything, the creator's rules at init (privacy level, daily cap, pending drafts), and
 * processing a post once its delay passed: fetching a pulled video and checking it is a video, then publishing it
 * (or sending it to the inbox) exactly once, or failing it with a {@code fail_reason}.
 */
@Component
@Conditional(SandboxEnabled.class)
class TikTokSandbox {
    /** Requests per minute per access token, from each endpoint's page (docs/development/platform-facts.md). */
    static final int CREATOR_INFO_LIMIT = 20;
    static final int INIT_LIMIT = 6;
    static final int STATUS_LIMIT = 30;
    static final int PENDING_DRAFTS = 5;
    static final int TITLE_LIMIT = 2200;
    private static final long FETCH_LIMIT = 512L * 1024 * 1024;
    private final TikTokStore store;
    private final BehaviourStore behaviour;
    private final MediaIntake intake;
    private final SlowCalls slowCalls;
    /** Redirects are not followed: the sandbox fetches only the verified URL itself (no open proxy). */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    TikTokSandbox(TikTokStore store, BehaviourStore behaviour, MediaIntake intake, SlowCalls slowCalls) {
        this.store = store;
        this.behaviour = behaviour;
        this.intake = intake;
        this.slowCalls = slowCalls;
    }

    /** The caller a bearer token speaks for, after the latency, the scope, the rate limit and injected faults. */
    TikTokStore.Token enter(String endpoint, @Nullable String authorization, @Nullable String scope, int perMinute) {
        pause(endpoint);
        String bearer = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()).strip() : null;
        OffsetDateTime now = store.now();
        TikTokStore.Token token = bearer == null ? null : store.token(bearer)
                .filter(t -> t.revokedAt() == null && t.expiresAt().isAfter(now)).orElse(null);
        if (token == null) {
            throw TikTokFault.of("access_token_invalid");
        }
        if (scope != null && !token.grants(scope)) {
            throw TikTokFault.of("scope_not_authorized");
        }
        int calls = store.countCall(token.userId(), endpoint);
        if (perMinute > 0 && calls > perMinute && store.behaviour().rateLimits()) {
            throw TikTokFault.of("rate_limit_exceeded");
        }
        store.strike(endpoint, token.userId()).ifPresent(code -> {
            throw TikTokFault.of(code);
        });
        return token;
    }

    /** The sandbox's latency, or the call's own (see {@link SlowCalls}). */
    void pause(String call) {
        slowCalls.pause(call, behaviour.recentSettings().latency());
    }

    /** Checks a post init against the creator's rules and caps, then records it (the platform's own record). */
    TikTokStore.Publish init(TikTokStore.Token token, boolean draft, String source, @Nullable String videoUrl,
                             @Nullable Long videoSize, String title, @Nullable String privacyLevel, String postInfo) {
        TikTokStore.User user = store.user(token.userId()).orElseThrow();
        if (!source.equals("PULL_FROM_URL") && !source.equals("FILE_UPLOAD")) {
            throw new TikTokFault("invalid_params", 400, "source_info.source must be FILE_UPLOAD or PULL_FROM_URL");
        }
        if (source.equals("PULL_FROM_URL") && (videoUrl == null || !videoUrl.startsWith("http"))) {
            throw new TikTokFault("invalid_params", 400, "source_info.video_url is required for PULL_FROM_URL");
        }
        if (source.equals("PULL_FROM_URL") && !verified(videoUrl)) {
            // the sandbox's verified URL prefixes: this Switchboard's own signed media URLs (and admin-added origins)
            throw TikTokFault.of("url_ownership_unverified");
        }
        if (source.equals("FILE_UPLOAD") && (videoSize == null || videoSize <= 0)) {
            throw new TikTokFault("invalid_params", 400, "source_info.video_size is required for FILE_UPLOAD");
        }
        if (title.length() > TITLE_LIMIT) {
            throw new TikTokFault("invalid_params", 400, "post_info.title is longer than " + TITLE_LIMIT);
        }
        if (draft) {
            if (store.pendingDrafts(user.id()) >= PENDING_DRAFTS) {
                throw TikTokFault.of("spam_risk_too_many_pending_share");
            }
            return store.createPublish(user.id(), "INBOX", source, videoUrl, videoSize, title, postInfo);
        }
        if (privacyLevel == null || !user.privacyOptions().contains(privacyLevel)) {
            throw TikTokFault.of("privacy_level_option_mismatch");
        }
        if (store.directPostsWithin(user.id(), Duration.ofHours(24)) >= store.behaviour().dailyCap()) {
            throw TikTokFault.of("spam_risk_too_many_posts");
        }
        return store.createPublish(user.id(), "DIRECT_POST", source, videoUrl, videoSize, title, postInfo);
    }

    /** The post as it stands now: processed once its delay passed (by whichever call asks first). */
    TikTokStore.Publish status(TikTokStore.Publish publish) {
        if (!publish.status().equals("PROCESSING_DOWNLOAD")
                || publish.createdAt().plus(behaviour.settings().processingDelay()).isAfter(store.now())) {
            return publish;
        }
        String failReason = store.strike("processing", publish.userId()).orElseGet(() -> check(publish));
        boolean inbox = publish.mode().equals("INBOX");
        if (failReason != null) {
            store.complete(publish.id(), "FAILED", failReason, null);
        } else {
            store.complete(publish.id(), inbox ? "SEND_TO_USER_INBOX" : "PUBLISH_COMPLETE", null,
                    inbox ? null : postId());
        }
        return store.publishById(publish.id()).orElseThrow();
    }

    /** Pulls the video as TikTok does and checks it is one (MP4/MOV or WebM); the fail reason, or null. */
    private @Nullable String check(TikTokStore.Publish publish) {
        if (publish.videoUrl() == null || !verified(publish.videoUrl())) {
            return publish.videoUrl() == null ? null : "video_pull_failed";
        }
        try {
            HttpResponse<InputStream> answer = http.send(HttpRequest.newBuilder(URI.create(publish.videoUrl()))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = answer.body()) {
                if (answer.statusCode() != 200) {
                    return "video_pull_failed";
                }
                byte[] head = body.readNBytes(12);
                long size = head.length + body.transferTo(java.io.OutputStream.nullOutputStream());
                if (size > FETCH_LIMIT) {
                    return "file_format_check_failed";
                }
                return isVideo(head) ? null : "file_format_check_failed";
            }
        } catch (IOException | IllegalArgumentException e) {
            return "video_pull_failed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "video_pull_failed";
        }
    }

    private boolean verified(String videoUrl) {
        try {
            return intake.fetchable(URI.create(videoUrl));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isVideo(byte[] head) {
        boolean isoMedia = head.length >= 8 && Arrays.equals(Arrays.copyOfRange(head, 4, 8), "ftyp".getBytes());
        boolean webm = head.length >= 4 && HexFormat.of().formatHex(head, 0, 4).equals("1a45dfa3");
        return isoMedia || webm;
    }

    private static String postId() {
        return "7" + String.format("%018d", ThreadLocalRandom.current().nextLong(1_000_000_000_000_000_000L));
    }

    /** The user's published posts, newest first, after processing what is due (nobody may have asked its status). */
    List<TikTokStore.Publish> published(long userId, int limit) {
        store.processing(userId).forEach(this::status);
        return store.published(userId, limit);
    }
}
