package io.switchboard.instagram.graph;

import io.switchboard.platform.Credentials;
import io.switchboard.platform.Platform;
import io.switchboard.platform.Profile;
import io.switchboard.platform.SandboxSecret;
import io.switchboard.publishing.Publisher;
import io.switchboard.publishing.PublishingQuota;
import io.switchboard.sandbox.SandboxControl;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.PLATFORM_HOLD;
import static testsupport.TaskWaits.eventually;

/**
 * The real client against the sandbox over real HTTP: every row of PLATFORM.md's error table (injected as
 * faults), the container life cycle with media the sandbox fetches and checks itself, the quota, OAuth, and
 * hold-offs that a second instance respects.
 */
class GraphClientTest {
    private static final URI REDIRECT = URI.create("http://localhost/accounts/connect/callback");
    private static AppInstance app;
    private static InstagramGraph graph;
    private static MediaServer media;
    @TempDir
    static Path clips;
    private static URI reel;
    private static URI legacy;
    private static URI photo;
    private static URI png;

    /** A server on loopback the sandbox was not told about: it must never be fetched from. */
    private static MediaServer elsewhere;

    @BeforeAll
    static void start() {
        media = new MediaServer();
        elsewhere = new MediaServer();
        app = AppInstance.start(TestPostgres.freshDatabase(), "switchboard.tasks.poll-interval=200ms",
                "switchboard.tasks.promote-interval=50ms",
                // the test's media server stands in for this app's signed URLs
                "switchboard.sandbox.media-origins=" + media.origin());
        graph = app.bean(InstagramGraph.class);
        reel = media.serve(Clips.compliant(clips, "reel.mp4", 4));
        legacy = media.serve(Clips.legacy(clips, "legacy.mp4", 4));
        photo = media.serve(Clips.image(clips, "photo.jpg", 1080, 1080));
        png = media.serve(Clips.image(clips, "photo.png", 1080, 1080));
    }

    @AfterAll
    static void stop() {
        elsewhere.close();
        media.close();
        app.close();
    }

    @BeforeEach
    void calm() {
        SandboxControl.clearFaults(app);
        SandboxControl.settings(app, Duration.ZERO, Duration.ZERO, 50);
        app.bean(DSLContext.class).deleteFrom(PLATFORM_HOLD).execute();
    }

    @Test
    void a_reel_is_created_fetched_checked_published_once_and_listed_with_its_permalink() {
        Credentials account = SandboxControl.account(app, "reels");
        String container = graph.createContainer(account, ContainerRequest.reel(reel, "First reel #switchboard")
                .withShareToFeed(true)).orElseThrow().id();

        ContainerStatus finished = awaitFinal(account, container);
        assertThat(finished.state()).isEqualTo(ContainerState.FINISHED);
        String mediaId = graph.publish(account, container).orElseThrow().mediaId();

        assertThat(graph.containerStatus(account, container).orElseThrow().state()).isEqualTo(ContainerState.PUBLISHED);
        MediaItem item = graph.media(account, mediaId).orElseThrow();
        assertThat(item.permalink()).endsWith("/sandbox/p/" + mediaId);
        assertThat(item.caption()).isEqualTo("First reel #switchboard");
        assertThat(graph.recentMedia(account, 10, null).orElseThrow().items()).extracting(MediaItem::id)
                .containsExactly(mediaId);
        PublishingLimit limit = graph.publishingLimit(account).orElseThrow();
        assertThat(limit.used()).isEqualTo(1);
        assertThat(limit.total()).isEqualTo(50);

        assertThat(graph.publish(account, container)).isInstanceOf(GraphResult.Failed.class);
        assertThat(SandboxControl.publishes(app, account.platformUserId())).isEqualTo(1);
    }

    @Test
    void media_the_sandbox_cannot_use_fails_its_container_with_the_platform_rule() {
        Credentials account = SandboxControl.account(app, "badmedia");
        assertBadMedia(account, ContainerRequest.reel(legacy, null), MediaRule.VIDEO_FORMAT);
        assertBadMedia(account, ContainerRequest.reel(media.url("missing.mp4"), null), MediaRule.MEDIA_URL_NOT_FETCHABLE);
        assertBadMedia(account, ContainerRequest.image(png, null), MediaRule.IMAGE_FORMAT);
        media.expire("legacy.mp4");
        assertBadMedia(account, ContainerRequest.reel(legacy, null), MediaRule.MEDIA_URL_NOT_FETCHABLE);
        assertThat(graph.createContainer(account, ContainerRequest.image(photo, "#a ".repeat(31))))
                .satisfies(problem(GraphProblem.BadMedia.class, p -> assertThat(p.rule()).isEqualTo(MediaRule.CAPTION_TOO_LONG)));
    }

    @Test
    void the_sandbox_fetches_only_this_apps_own_media_urls_directly_or_through_redirects() {
        Credentials account = SandboxControl.account(app, "noproxy");
        URI foreign = elsewhere.serve(clips.resolve("reel.mp4"));
        assertBadMedia(account, ContainerRequest.reel(foreign, null), MediaRule.MEDIA_URL_NOT_FETCHABLE,
                "fetches only this Switchboard's own media URLs");
        URI hop = media.redirect("hop.mp4", foreign);
        assertBadMedia(account, ContainerRequest.reel(hop, null), MediaRule.MEDIA_URL_NOT_FETCHABLE,
                "fetches only this Switchboard's own media URLs");
        assertBadMedia(account, ContainerRequest.reel(URI.create("http://169.254.169.254/latest/meta-data/"), null),
                MediaRule.MEDIA_URL_NOT_FETCHABLE, "fetches only this Switchboard's own media URLs");
        assertThat(elsewhere.requests()).as("requests that reached the foreign server").isZero();

        URI ownRedirect = media.redirect("own-hop.jpg", photo);
        assertThat(awaitFinal(account, graph.createContainer(account, ContainerRequest.image(ownRedirect, null))
                .orElseThrow().id()).state()).isEqualTo(ContainerState.FINISHED);
    }

    @Test
    void the_sandbox_stops_reading_media_at_the_platforms_size_limit() {
        Credentials account = SandboxControl.account(app, "endless");
        assertBadMedia(account, ContainerRequest.image(media.endless("endless.jpg"), null), MediaRule.IMAGE_TOO_LARGE,
                "more than 8 MB");
        assertThat(media.endlessBytesSent()).as("bytes the sandbox let the server send").isLessThan(64L * 1024 * 1024);
    }

    @Test
    void the_sandbox_makes_accounts_and_exchanges_codes_only_for_its_own_app_or_an_operator() {
        var anyone = new io.switchboard.testing.WebSession();
        String accounts = app.url("/sandbox/graph/v25.0/sandbox_accounts");
        var refused = anyone.send(form(accounts, "count=1&username_prefix=intruder&redirect_uri=" + REDIRECT));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Error validating client secret").contains("\"code\":101");
        var wrong = anyone.send(form(accounts, "count=1&username_prefix=intruder&redirect_uri=" + REDIRECT
                + "&client_secret=guessed"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        var exchange = anyone.send(form(app.url("/sandbox/graph/oauth/access_token"),
                "grant_type=authorization_code&code=anything&redirect_uri=" + REDIRECT));
        assertThat(exchange.body()).contains("Error validating client secret");

        String secret = app.bean(SandboxSecret.class).clientSecret();
        var made = anyone.send(form(accounts, "count=1&username_prefix=ownapp&redirect_uri=" + REDIRECT
                + "&client_secret=" + secret));
        assertThat(made.statusCode()).isEqualTo(200);
        var operator = io.switchboard.testing.Operators.signedIn(app, "admin", AppInstance.ADMIN_PASSWORD);
        assertThat(operator.send(form(accounts, "count=1&username_prefix=operator&redirect_uri=" + REDIRECT))
                .statusCode()).as("an operator's session").isEqualTo(200);
        assertThat(graph.createSandboxAccounts(1, "client", REDIRECT)).as("the client sends the secret")
                .isInstanceOf(GraphResult.Ok.class);
    }

    private static java.net.http.HttpRequest form(String url, String body) {
        return java.net.http.HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void a_fetch_lost_with_its_instance_is_started_again_by_a_look_at_the_container_once_it_stalled() {
        Credentials account = SandboxControl.account(app, "lostfetch");
        String stalled = SandboxControl.containerWithLostFetch(app, account.platformUserId(), reel.toString(),
                SandboxControl.fetchStalledAfter().plusSeconds(5));
        String recent = SandboxControl.containerWithLostFetch(app, account.platformUserId(), reel.toString(),
                SandboxControl.fetchStalledAfter().minusSeconds(30));

        assertThat(awaitFinal(account, stalled).state()).isEqualTo(ContainerState.FINISHED);
        // one that may still be fetched elsewhere is left to that fetch
        for (int look = 0; look < 5; look++) {
            assertThat(graph.containerStatus(account, recent).orElseThrow().state())
                    .isEqualTo(ContainerState.IN_PROGRESS);
            testsupport.TaskWaits.pause(500);
        }
    }

    @Test
    void a_container_not_finished_yet_is_not_ready_to_publish() {
        SandboxControl.settings(app, Duration.ZERO, Duration.ofMinutes(5), 50);
        Credentials account = SandboxControl.account(app, "notready");
        String container = graph.createContainer(account, ContainerRequest.image(photo, null)).orElseThrow().id();

        assertThat(graph.containerStatus(account, container).orElseThrow().state()).isEqualTo(ContainerState.IN_PROGRESS);
        assertThat(graph.publish(account, container)).satisfies(problem(GraphProblem.NotReady.class, p -> {
        }));
    }

    @Test
    void the_quota_stops_publishing_until_the_oldest_post_leaves_the_24_hour_window() {
        SandboxControl.settings(app, Duration.ZERO, Duration.ZERO, 1);
        Credentials account = SandboxControl.account(app, "quota");
        String first = finishedImage(account);
        String second = finishedImage(account);
        Instant before = Instant.now();
        graph.publish(account, first).orElseThrow();

        long calls = SandboxControl.calls(app, account.platformUserId());
        assertThat(graph.publish(account, second)).satisfies(problem(GraphProblem.QuotaReached.class, p ->
                assertThat(p.until()).isAfter(Instant.now())));
        assertThat(SandboxControl.calls(app, account.platformUserId())).as("publish makes one call, no hidden ones")
                .isEqualTo(calls + 1);
        assertThat(graph.publishingLimit(account).orElseThrow().remaining()).isZero();
        PublishingQuota quota = instagramPublisher().quota(account).orElseThrow();
        assertThat(quota.remaining()).isZero();
        assertThat(quota.nextSlotAt()).as("the adapter reads when the oldest post leaves the window")
                .isBetween(before.plus(Duration.ofHours(24)).minusSeconds(5), Instant.now().plus(Duration.ofHours(24)).plusSeconds(5));
        assertThat(SandboxControl.publishes(app, account.platformUserId())).isEqualTo(1);
    }

    private static Publisher instagramPublisher() {
        return app.context().getBeansOfType(Publisher.class).values().stream()
                .filter(p -> p.platform() == Platform.INSTAGRAM).findFirst().orElseThrow();
    }

    @Test
    void carousels_stories_and_resumable_uploads_publish() {
        Credentials account = SandboxControl.account(app, "formats");
        String a = graph.createContainer(account, ContainerRequest.carouselItem(photo, false)).orElseThrow().id();
        String b = graph.createContainer(account, ContainerRequest.carouselItem(reel, true)).orElseThrow().id();
        awaitFinal(account, a);
        awaitFinal(account, b);
        String carousel = graph.createContainer(account, ContainerRequest.carousel(List.of(a, b), "Two")).orElseThrow().id();
        assertThat(awaitFinal(account, carousel).state()).isEqualTo(ContainerState.FINISHED);
        graph.publish(account, carousel).orElseThrow();

        String story = graph.createContainer(account, ContainerRequest.story(reel, true)).orElseThrow().id();
        assertThat(awaitFinal(account, story).state()).isEqualTo(ContainerState.FINISHED);
        graph.publish(account, story).orElseThrow();

        Container upload = graph.createContainer(account, ContainerRequest.resumableReel("Uploaded")).orElseThrow();
        assertThat(upload.uploadUri()).isNotNull();
        graph.upload(account, upload, clips.resolve("reel.mp4")).orElseThrow();
        assertThat(awaitFinal(account, upload.id()).state()).isEqualTo(ContainerState.FINISHED);
        graph.publish(account, upload.id()).orElseThrow();

        assertThat(SandboxControl.publishes(app, account.platformUserId())).isEqualTo(3);
        assertThat(graph.publishingLimit(account).orElseThrow().used()).isEqualTo(3);
    }

    @Test
    void oauth_codes_become_long_lived_tokens_that_refresh_once_old_enough() {
        SandboxGrant grant = graph.createSandboxAccounts(1, "oauth", REDIRECT).orElseThrow().getFirst();
        TokenGrant shortLived = graph.exchangeCode(grant.code(), REDIRECT).orElseThrow();
        assertThat(shortLived.platformUserId()).isEqualTo(grant.platformUserId());
        assertThat(shortLived.permissions()).contains("instagram_business_content_publish");
        assertThat(graph.exchangeCode(grant.code(), REDIRECT)).as("a code is used once").isInstanceOf(GraphResult.Failed.class);

        LongLivedToken longLived = graph.longLivedToken(shortLived.accessToken()).orElseThrow();
        assertThat(longLived.expiresIn()).isEqualTo(Duration.ofDays(60));
        Credentials account = new Credentials(null, grant.platformUserId(), longLived.accessToken());
        assertThat(graph.profile(Credentials.unconnected(longLived.accessToken())).orElseThrow().username())
                .isEqualTo(grant.username());
        TokenInfo info = graph.debugToken(account).orElseThrow();
        assertThat(info.valid()).isTrue();
        assertThat(info.expiresAt()).isAfter(Instant.now().plus(Duration.ofDays(59)));

        assertThat(graph.refreshToken(account)).as("a fresh token is too young to refresh").isInstanceOf(GraphResult.Failed.class);
        SandboxControl.ageTokens(app, grant.platformUserId());
        LongLivedToken refreshed = graph.refreshToken(account).orElseThrow();
        assertThat(refreshed.accessToken()).isNotEqualTo(longLived.accessToken());
        assertThat(refreshed.toString()).doesNotContain(refreshed.accessToken());
    }

    @Test
    void hashtag_search_finds_recent_posts_carrying_the_tag() {
        Credentials account = SandboxControl.account(app, "tags");
        String container = graph.createContainer(account, ContainerRequest.image(photo, "Morning #SandboxTag")).orElseThrow().id();
        awaitFinal(account, container);
        String mediaId = graph.publish(account, container).orElseThrow().mediaId();

        String hashtag = graph.hashtagId(account, "#sandboxtag").orElseThrow();
        assertThat(graph.hashtagMedia(account, hashtag, HashtagEdge.RECENT_MEDIA, null).orElseThrow().items())
                .extracting(MediaItem::id).contains(mediaId);
        assertThat(graph.hashtagMedia(account, hashtag, HashtagEdge.TOP_MEDIA, null).orElseThrow().items())
                .extracting(MediaItem::id).contains(mediaId);
    }

    @Test
    void a_revoked_token_is_invalid() {
        Credentials account = SandboxControl.account(app, "revoked");
        SandboxControl.revokeTokens(app, account.platformUserId());
        assertThat(graph.profile(account)).satisfies(problem(GraphProblem.TokenInvalid.class,
                p -> assertThat(p.error().subcode()).isEqualTo(460)));
    }

    static Stream<Arguments> errorTable() {
        return Stream.of(
                row(1, null, GraphProblem.Transient.class, p -> {
                }),
                row(2, null, GraphProblem.Transient.class, p -> {
                }),
                row(4, null, GraphProblem.Throttled.class, p -> assertThat(((GraphProblem.Throttled) p).wholeApp()).isTrue()),
                row(17, null, GraphProblem.Throttled.class, GraphClientTest::accountThrottled),
                row(32, null, GraphProblem.Throttled.class, GraphClientTest::accountThrottled),
                row(613, null, GraphProblem.Throttled.class, GraphClientTest::accountThrottled),
                row(80002, null, GraphProblem.Throttled.class, GraphClientTest::accountThrottled),
                row(190, null, GraphProblem.TokenInvalid.class, p -> {
                }),
                row(190, 460, GraphProblem.TokenInvalid.class, p -> {
                }),
                row(10, null, GraphProblem.PermissionMissing.class, p -> {
                }),
                row(200, null, GraphProblem.PermissionMissing.class, p -> {
                }),
                row(368, null, GraphProblem.Blocked.class, restriction(Restriction.POLICY_BLOCK)),
                row(-2, 2207003, GraphProblem.Transient.class, p -> {
                }),
                row(-2, 2207020, GraphProblem.ContainerExpired.class, retryFirst(false)),
                row(-1, 2207001, GraphProblem.Transient.class, p -> {
                }),
                row(-1, 2207032, GraphProblem.Transient.class, p -> {
                }),
                row(-1, 2207053, GraphProblem.ContainerExpired.class, retryFirst(false)),
                row(4, 2207051, GraphProblem.Blocked.class, restriction(Restriction.SPAM_RESTRICTED)),
                row(9, 2207042, GraphProblem.QuotaReached.class, p ->
                        assertThat(((GraphProblem.QuotaReached) p).until()).isAfter(Instant.now())),
                row(24, 2207008, GraphProblem.ContainerExpired.class, retryFirst(true)),
                row(25, 2207050, GraphProblem.Blocked.class, restriction(Restriction.ACCOUNT_RESTRICTED)),
                row(352, 2207026, GraphProblem.BadMedia.class, rule(MediaRule.VIDEO_FORMAT)),
                row(9004, 2207052, GraphProblem.BadMedia.class, rule(MediaRule.MEDIA_URL_NOT_FETCHABLE)),
                row(9007, 2207027, GraphProblem.NotReady.class, p -> {
                }),
                row(36000, 2207004, GraphProblem.BadMedia.class, rule(MediaRule.IMAGE_TOO_LARGE)),
                row(36001, 2207005, GraphProblem.BadMedia.class, rule(MediaRule.IMAGE_FORMAT)),
                row(36003, 2207009, GraphProblem.BadMedia.class, rule(MediaRule.IMAGE_DIMENSIONS)),
                row(36004, 2207010, GraphProblem.BadMedia.class, rule(MediaRule.CAPTION_TOO_LONG)));
    }

    @ParameterizedTest(name = "{0}/{1} is {2}")
    @MethodSource("errorTable")
    void every_row_of_the_error_table_is_classified(int code, Integer subcode, Class<? extends GraphProblem> expected,
                                                    Consumer<GraphProblem> details) {
        Credentials account = SandboxControl.account(app, "errors");
        String container = finishedImage(account);
        SandboxControl.inject(app, code, subcode, "publish", Long.parseLong(account.platformUserId()), 1);

        GraphResult<PublishedMedia> result = graph.publish(account, container);

        assertThat(result).satisfies(problem(expected, p -> {
            assertThat(p.error().code()).isEqualTo(code);
            assertThat(p.error().subcode()).isEqualTo(subcode);
            assertThat(p.error().message()).isNotBlank();
            details.accept(p);
        }));
        if (expected == GraphProblem.Throttled.class) {
            long calls = SandboxControl.calls(app, account.platformUserId());
            assertThat(graph.publish(account, container)).as("held off, not sent")
                    .satisfies(problem(GraphProblem.Throttled.class, p -> assertThat(p.error().code()).isZero()));
            assertThat(SandboxControl.calls(app, account.platformUserId())).isEqualTo(calls);
        } else {
            assertThat(graph.publish(account, container).ok()).as("the fault struck once").isTrue();
        }
    }

    @Test
    void usage_above_the_threshold_holds_off_that_account_on_every_instance() {
        Credentials hot = SandboxControl.account(app, "hot");
        Credentials calm = SandboxControl.account(app, "calm");
        SandboxControl.usage(app, hot.platformUserId(), 95, 7);
        assertThat(graph.profile(hot).ok()).as("the call that reports 95 % usage succeeds").isTrue();
        long callsBefore = SandboxControl.calls(app, hot.platformUserId());

        try (AppInstance second = AppInstance.start(app.context().getEnvironment().getProperty("spring.datasource.url"))) {
            InstagramGraph other = second.bean(InstagramGraph.class);
            AtomicReference<GraphResult<Profile>> held = new AtomicReference<>(other.profile(hot));
            assertThat(held.get()).satisfies(problem(GraphProblem.Throttled.class, p -> {
                assertThat(p.wholeApp()).isFalse();
                assertThat(p.until()).isBetween(Instant.now().plus(Duration.ofMinutes(6)), Instant.now().plus(Duration.ofMinutes(8)));
                assertThat(p.error().message()).contains("usage at 95%");
            }));
            assertThat(SandboxControl.calls(app, hot.platformUserId())).as("no call reached the platform")
                    .isEqualTo(callsBefore);
            assertThat(other.profile(calm).ok()).as("other accounts go on").isTrue();
        }
    }

    @Test
    void throttling_by_the_platform_holds_off_until_access_is_regained() {
        Credentials account = SandboxControl.account(app, "throttled");
        SandboxControl.usage(app, account.platformUserId(), 100, 3);

        assertThat(graph.profile(account)).satisfies(problem(GraphProblem.Throttled.class, p -> {
            assertThat(p.error().code()).isEqualTo(80002);
            assertThat(p.until()).isBetween(Instant.now().plus(Duration.ofMinutes(2)), Instant.now().plus(Duration.ofMinutes(4)));
        }));
        eventually(() -> assertThat(graph.profile(account)).satisfies(problem(GraphProblem.Throttled.class,
                p -> assertThat(p.error().code()).isZero())));
    }

    private static void accountThrottled(GraphProblem p) {
        assertThat(((GraphProblem.Throttled) p).wholeApp()).isFalse();
        assertThat(((GraphProblem.Throttled) p).until()).isAfter(Instant.now());
    }

    private static Consumer<GraphProblem> restriction(Restriction expected) {
        return p -> assertThat(((GraphProblem.Blocked) p).restriction()).isEqualTo(expected);
    }

    private static Consumer<GraphProblem> retryFirst(boolean expected) {
        return p -> assertThat(((GraphProblem.ContainerExpired) p).retryFirst()).isEqualTo(expected);
    }

    private static Consumer<GraphProblem> rule(MediaRule expected) {
        return p -> assertThat(((GraphProblem.BadMedia) p).rule()).isEqualTo(expected);
    }

    private static Arguments row(int code, Integer subcode, Class<? extends GraphProblem> expected,
                                 Consumer<GraphProblem> details) {
        return Arguments.of(code, subcode, expected, details);
    }

    @SuppressWarnings("unchecked")
    private static <P extends GraphProblem> Consumer<GraphResult<?>> problem(Class<P> type, Consumer<P> details) {
        return result -> {
            assertThat(result).isInstanceOf(GraphResult.Failed.class);
            GraphProblem problem = ((GraphResult.Failed<?>) result).problem();
            assertThat(problem).as(problem.error().summary()).isInstanceOf(type);
            details.accept((P) problem);
        };
    }

    private static void assertBadMedia(Credentials account, ContainerRequest request, MediaRule rule) {
        assertBadMedia(account, request, rule, "");
    }

    private static void assertBadMedia(Credentials account, ContainerRequest request, MediaRule rule,
                                       String because) {
        String container = graph.createContainer(account, request).orElseThrow().id();
        ContainerStatus status = awaitFinal(account, container);
        assertThat(status.state()).isEqualTo(ContainerState.ERROR);
        assertThat(status.problem()).isInstanceOfSatisfying(GraphProblem.BadMedia.class, p -> {
            assertThat(p.rule()).isEqualTo(rule);
            assertThat(p.error().message()).contains(because);
        });
        assertThat(graph.publish(account, container)).satisfies(problem(GraphProblem.BadMedia.class,
                p -> assertThat(p.rule()).isEqualTo(rule)));
    }

    private static String finishedImage(Credentials account) {
        String container = graph.createContainer(account, ContainerRequest.image(photo, null)).orElseThrow().id();
        assertThat(awaitFinal(account, container).state()).isEqualTo(ContainerState.FINISHED);
        return container;
    }

    private static ContainerStatus awaitFinal(Credentials account, String container) {
        AtomicReference<ContainerStatus> last = new AtomicReference<>();
        eventually(Duration.ofSeconds(30), () -> {
            last.set(graph.containerStatus(account, container).orElseThrow());
            assertThat(last.get().state()).isNotEqualTo(ContainerState.IN_PROGRESS);
        });
        return last.get();
    }
}
