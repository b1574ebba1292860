package io.switchboard.tiktok;

import io.switchboard.platform.Credentials;
import io.switchboard.platform.PlatformResult;
import io.switchboard.platform.Profile;
import io.switchboard.accounts.IssuedToken;
import io.switchboard.publishing.PublishStep;
import io.switchboard.sandbox.TikTokControl;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import io.switchboard.tiktok.api.CreatorInfo;
import io.switchboard.tiktok.api.Initialised;
import io.switchboard.tiktok.api.PostRequest;
import io.switchboard.tiktok.api.PublishStatus;
import io.switchboard.tiktok.api.TikTokApi;
import io.switchboard.tiktok.api.TikTokError;
import io.switchboard.tiktok.api.TikTokResult;
import io.switchboard.tiktok.api.TikTokVideo;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import testsupport.Clips;
import testsupport.MediaServer;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.PLATFORM_HOLD;
import static testsupport.TaskWaits.eventually;

/**
 * The real TikTok client against the TikTok sandbox over real HTTP: a post from init to published with the video
 * pulled and checked by the sandbox, chunked upload, Login Kit's code and refresh, the per-token rate limit, the daily
 * cap, unverified URLs, and every documented error (injected) with what the publisher makes of it.
 */
class TikTokClientTest {
    private static final URI REDIRECT = URI.create("http://localhost/accounts/connect/callback");
    private static AppInstance app;
    private static TikTokApi api;
    private static MediaServer media;
    private static MediaServer elsewhere;
    @TempDir
    static Path clips;
    private static URI video;
    private static URI picture;

    @BeforeAll
    static void start() {
        media = new MediaServer();
        elsewhere = new MediaServer();
        app = AppInstance.start(TestPostgres.freshDatabase(), "switchboard.sandbox.media-origins=" + media.origin());
        api = app.bean(TikTokApi.class);
        video = media.serve(Clips.compliant(clips, "clip.mp4", 3));
        picture = media.serve(Clips.image(clips, "still.jpg", 1080, 1920));
    }

    @AfterAll
    static void stop() {
        elsewhere.close();
        media.close();
        app.close();
    }

    @BeforeEach
    void calm() {
        TikTokControl.clearFaults(app);
        TikTokControl.settings(app, Duration.ZERO, Duration.ZERO, 15, true);
        app.bean(DSLContext.class).deleteFrom(PLATFORM_HOLD).execute();
    }

    @Test
    void a_video_is_pulled_checked_published_once_and_listed() {
        Credentials creator = TikTokControl.creator(app, "pull");
        CreatorInfo info = ok(api.creatorInfo(creator));
        assertThat(info.privacyLevelOptions()).contains("SELF_ONLY", "PUBLIC_TO_EVERYONE");
        assertThat(info.maxVideoPostDurationSec()).isEqualTo(600);

        String publishId = ok(api.init(creator, pull("First #tiktok", video))).publishId();
        PublishStatus done = awaitFinal(creator, publishId);
        assertThat(done.status()).isEqualTo("PUBLISH_COMPLETE");
        assertThat(done.postId()).isNotBlank();
        assertThat(ok(api.videos(creator, 20))).extracting(TikTokVideo::id).containsExactly(done.postId());
        assertThat(TikTokControl.publishes(app, creator.platformUserId())).isEqualTo(1);
        // asking again changes nothing: the post was published once
        assertThat(ok(api.status(creator, publishId)).postId()).isEqualTo(done.postId());
        assertThat(TikTokControl.posts(app, creator.platformUserId())).containsExactly("PUBLISH_COMPLETE First #tiktok");

        var metrics = app.bean(TikTokMetrics.class);
        var counts = ((PlatformResult.Ok<io.switchboard.insights.PostMetrics>) metrics.post(creator, done.postId(),
                io.switchboard.publishing.PostType.REELS)).value();
        assertThat(counts.views()).isPositive();
        assertThat(counts.interactions()).isEqualTo(counts.likes() + counts.comments() + counts.shares());
        assertThat(metrics.post(creator, "7000000000000000000", io.switchboard.publishing.PostType.REELS))
                .as("a video the creator does not have").isInstanceOf(PlatformResult.Failed.class);
    }

    @Test
    void what_the_sandbox_cannot_use_fails_the_post_with_tiktoks_reason() {
        Credentials creator = TikTokControl.creator(app, "bad");
        assertThat(awaitFinal(creator, ok(api.init(creator, pull("still", picture))).publishId()).failReason())
                .isEqualTo("file_format_check_failed");
        assertThat(awaitFinal(creator, ok(api.init(creator, pull("gone", media.url("missing.mp4")))).publishId())
                .failReason()).isEqualTo("video_pull_failed");
        URI foreign = elsewhere.serve(clips.resolve("clip.mp4"));
        assertThat(failed(api.init(creator, pull("foreign", foreign))).code()).isEqualTo("url_ownership_unverified");
        assertThat(elsewhere.requests()).as("the sandbox fetched nothing it was not verified for").isZero();
        assertThat(TikTokControl.publishes(app, creator.platformUserId())).isZero();
    }

    @Test
    void a_video_is_uploaded_as_a_file_and_published() throws Exception {
        Credentials creator = TikTokControl.creator(app, "upload");
        byte[] bytes = Files.readAllBytes(clips.resolve("clip.mp4"));
        PostRequest request = new PostRequest(false, "Uploaded", "SELF_ONLY", false, false, false, false, false, null,
                bytes.length, 10_000_000);
        assertThat(request.chunkCount()).as("a video under 5 MB goes whole").isEqualTo(1);
        Initialised init = ok(api.init(creator, request));
        assertThat(init.uploadUrl()).isNotNull();
        assertThat(ok(api.status(creator, init.publishId())).status()).isEqualTo("PROCESSING_UPLOAD");
        assertThat(ok(api.upload(creator, init.uploadUrl(), bytes, 0, bytes.length))).isEqualTo(bytes.length);
        assertThat(awaitFinal(creator, init.publishId()).status()).isEqualTo("PUBLISH_COMPLETE");
    }

    @Test
    void the_init_rate_limit_is_six_a_minute_per_token_and_holds_the_account_on_every_instance() {
        Credentials creator = TikTokControl.creator(app, "rate");
        TikTokControl.settings(app, Duration.ZERO, Duration.ofHours(1), 100, true);
        for (int i = 0; i < 6; i++) {
            ok(api.init(creator, pull("post " + i, video)));
        }
        TikTokError limited = failed(api.init(creator, pull("seventh", video)));
        assertThat(limited.code()).isEqualTo("rate_limit_exceeded");
        assertThat(limited.httpStatus()).isEqualTo(429);
        assertThat(TikTokPublisher.problem(limited)).isInstanceOf(PublishStep.Waiting.class);
        // held in the database: the next call does not reach TikTok
        assertThat(failed(api.creatorInfo(creator)).message()).contains("Holding off TikTok calls");
        assertThat(TikTokControl.posts(app, creator.platformUserId())).hasSize(6);
    }

    @Test
    void the_daily_cap_and_the_creators_privacy_levels_are_enforced_at_init() {
        Credentials creator = TikTokControl.creator(app, "cap");
        TikTokControl.settings(app, Duration.ZERO, Duration.ZERO, 2, false);
        ok(api.init(creator, pull("one", video)));
        ok(api.init(creator, pull("two", video)));
        TikTokError cap = failed(api.init(creator, pull("three", video)));
        assertThat(cap.code()).isEqualTo("spam_risk_too_many_posts");
        assertThat(TikTokPublisher.problem(cap)).isInstanceOf(PublishStep.QuotaReached.class);

        Credentials shy = TikTokControl.creator(app, "shy");
        TikTokControl.privacyOptions(app, shy.platformUserId(), List.of("FOLLOWER_OF_CREATOR"));
        assertThat(failed(api.init(shy, pull("private", video))).code()).isEqualTo("privacy_level_option_mismatch");
        assertThat(TikTokPublisher.privacyLevel(ok(api.creatorInfo(shy)), io.switchboard.publishing.TikTokOptions.DEFAULT)).as("never public by default").isNull();
    }

    @Test
    void a_video_longer_than_the_creator_may_post_fails_with_the_rule_and_is_never_sent() {
        Credentials creator = TikTokControl.creator(app, "long");
        TikTokControl.privacyOptions(app, creator.platformUserId(), List.of("SELF_ONLY", "PUBLIC_TO_EVERYONE"), 2);
        var publisher = app.bean(TikTokPublisher.class);
        var link = new io.switchboard.publishing.PostContent.MediaLink(1, true, video, video, "Three seconds",
                Duration.ofSeconds(3));
        var content = new io.switchboard.publishing.PostContent(io.switchboard.publishing.PostOptions.reels(),
                "Too long", List.of(1L), () -> List.of(link));
        var attempt = new io.switchboard.publishing.PublishAttempt(1, creator, content,
                new io.switchboard.publishing.PublishAttempt.Progress(null, List.of(), null, 0));

        PublishStep step = publisher.publish(attempt);
        assertThat(step).isInstanceOf(PublishStep.Failed.class);
        assertThat(((PublishStep.Failed) step).rule()).isEqualTo("VIDEO_TOO_LONG");
        assertThat(((PublishStep.Failed) step).reason()).contains("at most 2 s").contains("plays 3 s")
                .contains("Nothing was sent");
        assertThat(TikTokControl.posts(app, creator.platformUserId())).as("no init reached the sandbox").isEmpty();

        TikTokControl.privacyOptions(app, creator.platformUserId(), List.of("SELF_ONLY"), 3);
        assertThat(publisher.publish(attempt)).as("as long as the creator may post: sent")
                .isInstanceOf(PublishStep.Created.class);
    }

    @Test
    void login_kit_codes_give_a_refreshable_token_whose_user_is_read() {
        var signIn = app.bean(TikTokSignIn.class);
        List<String> codes = ((PlatformResult.Ok<List<String>>) signIn.sandboxAccounts(1, "kit", REDIRECT)).value();
        IssuedToken token = ((PlatformResult.Ok<IssuedToken>) signIn.exchange(codes.getFirst(), REDIRECT)).value();
        assertThat(token.refreshToken()).as("the refresh token is kept").startsWith("rft.");
        assertThat(token.accessToken()).doesNotContain(token.refreshToken());
        assertThat(signIn.exchange(codes.getFirst(), REDIRECT)).as("a code is used once")
                .isInstanceOf(PlatformResult.Failed.class);

        var accounts = app.bean(TikTokAccounts.class);
        Profile profile = ((PlatformResult.Ok<Profile>) accounts.profile(Credentials.unconnected(token.accessToken())))
                .value();
        assertThat(profile.username()).startsWith("kit_");
        IssuedToken renewed = ((PlatformResult.Ok<IssuedToken>) accounts.refresh(new Credentials(1L,
                profile.platformUserId(), token.accessToken(), token.refreshToken()))).value();
        assertThat(renewed.accessToken()).isNotEqualTo(token.accessToken());
        assertThat(renewed.refreshToken()).startsWith("rft.");
        assertThat(accounts.refresh(new Credentials(1L, profile.platformUserId(), token.accessToken())))
                .as("a pasted access token alone cannot be renewed").isInstanceOf(PlatformResult.Failed.class);
    }

    static Stream<Arguments> documentedErrors() {
        return Stream.of(
                Arguments.of("access_token_invalid", 401, PublishStep.Held.class),
                Arguments.of("scope_not_authorized", 401, PublishStep.Held.class),
                Arguments.of("scope_permission_missed", 401, PublishStep.Held.class),
                Arguments.of("rate_limit_exceeded", 429, PublishStep.Waiting.class),
                Arguments.of("internal_error", 500, PublishStep.RetryLater.class),
                Arguments.of("invalid_params", 400, PublishStep.Failed.class),
                Arguments.of("invalid_file_upload", 400, PublishStep.Failed.class),
                Arguments.of("spam_risk_too_many_posts", 403, PublishStep.QuotaReached.class),
                Arguments.of("spam_risk_too_many_pending_share", 403, PublishStep.QuotaReached.class),
                Arguments.of("spam_risk_user_banned_from_posting", 403, PublishStep.Held.class),
                Arguments.of("reached_active_user_cap", 403, PublishStep.QuotaReached.class),
                Arguments.of("unaudited_client_can_only_post_to_private_accounts", 403, PublishStep.Failed.class),
                Arguments.of("privacy_level_option_mismatch", 400, PublishStep.Failed.class),
                Arguments.of("url_ownership_unverified", 403, PublishStep.Failed.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedErrors")
    void every_documented_error_reaches_the_client_and_becomes_a_step(String code, int status,
                                                                     Class<? extends PublishStep> step) {
        Credentials creator = TikTokControl.creator(app, "err");
        TikTokControl.inject(app, code, "init", creator.platformUserId(), 1);
        TikTokError error = failed(api.init(creator, pull("faulty", video)));
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.httpStatus()).isEqualTo(status);
        assertThat(error.logId()).isNotBlank();
        assertThat(TikTokPublisher.problem(error)).isInstanceOf(step);
        assertThat(TikTokControl.publishes(app, creator.platformUserId())).as("nothing was posted").isZero();
    }

    static Stream<Arguments> failReasons() {
        return Stream.of(
                Arguments.of("video_pull_failed", PublishStep.StartOver.class),
                Arguments.of("internal", PublishStep.StartOver.class),
                Arguments.of("auth_removed", PublishStep.Held.class),
                Arguments.of("file_format_check_failed", PublishStep.Failed.class),
                Arguments.of("duration_check_failed", PublishStep.Failed.class),
                Arguments.of("frame_rate_check_failed", PublishStep.Failed.class),
                Arguments.of("picture_size_check_failed", PublishStep.Failed.class),
                Arguments.of("spam_risk_text", PublishStep.Failed.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failReasons")
    void a_post_tiktok_fails_while_processing_becomes_a_step_by_its_reason(String reason,
                                                                          Class<? extends PublishStep> step) {
        Credentials creator = TikTokControl.creator(app, "fail");
        TikTokControl.inject(app, reason, "processing", creator.platformUserId(), 1);
        String publishId = ok(api.init(creator, pull("doomed", video))).publishId();
        PublishStatus status = awaitFinal(creator, publishId);
        assertThat(status.status()).isEqualTo("FAILED");
        assertThat(status.failReason()).isEqualTo(reason);
        var publisher = app.bean(TikTokPublisher.class);
        var attempt = new io.switchboard.publishing.PublishAttempt(1, creator, null, new io.switchboard.publishing
                .PublishAttempt.Progress(publishId, List.of(), java.time.Instant.now(), 1));
        assertThat(publisher.advance(attempt)).isInstanceOf(step);
    }

    private static PostRequest pull(String title, URI url) {
        return new PostRequest(false, title, "SELF_ONLY", false, false, false, false, false, url, 0, 10_000_000);
    }

    private static PublishStatus awaitFinal(Credentials creator, String publishId) {
        var holder = new java.util.concurrent.atomic.AtomicReference<PublishStatus>();
        eventually(Duration.ofSeconds(60), () -> {
            PublishStatus status = ok(api.status(creator, publishId));
            assertThat(status.status()).isNotIn("PROCESSING_UPLOAD", "PROCESSING_DOWNLOAD");
            holder.set(status);
        });
        return holder.get();
    }

    private static <T> T ok(TikTokResult<T> result) {
        assertThat(result).isInstanceOf(TikTokResult.Ok.class);
        return ((TikTokResult.Ok<T>) result).value();
    }

    private static TikTokError failed(TikTokResult<?> result) {
        assertThat(result).isInstanceOf(TikTokResult.Failed.class);
        return ((TikTokResult.Failed<?>) result).error();
    }
}
