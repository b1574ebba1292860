package io.switchboard.instagram.graph;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.switchboard.platform.Credentials;
import io.switchboard.platform.PlatformMode;
import io.switchboard.platform.Profile;
import io.switchboard.sandbox.SandboxControl;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import io.switchboard.testing.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import testsupport.Clips;
import testsupport.MediaServer;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.TaskWaits.eventually;

/**
 * The Graph client against two platforms that must look alike to it: a contract server answering with the
 * shapes copied from Meta's reference pages (WireMock, the stubs in src/test/resources/meta-graph, each naming
 * its page, written without reading the sandbox) and the built-in sandbox. Every step of connecting an account
 * and publishing a post passes against both; Meta's documented errors and usage headers are classified as
 * PLATFORM.md says. The app runs in live mode: the default with a database URL, with no sandbox served.
 */
class GraphContractTest {
    static final String USER = "17841405822304914";
    private static final URI REDIRECT = URI.create("http://localhost/accounts/connect/callback");
    private static WireMockServer meta;
    private static AppInstance live;
    private static AppInstance sandbox;
    private static MediaServer media;
    @TempDir
    static Path files;
    private static URI photo;

    @BeforeAll
    static void start() {
        meta = new WireMockServer(options().dynamicPort().usingFilesUnderClasspath("meta-graph"));
        meta.start();
        // no platform mode given: a database URL makes it live; Meta's hosts are the contract server here
        live = AppInstance.start(TestPostgres.freshDatabase(), "switchboard.platform.mode=",
                "switchboard.instagram.graph-url=" + meta.baseUrl(), "switchboard.instagram.oauth-url=" + meta.baseUrl(),
                "switchboard.media.public-base-url=https://media.example.test");
        // the sandbox fetches media only from this app's own signed URLs and from origins an admin allowed (it is no
        // open proxy); the test's media server is such an origin, as Meta would fetch from any public one
        media = new MediaServer();
        photo = media.serve(Clips.image(files, "photo.jpg", 1080, 1080));
        sandbox = AppInstance.start(TestPostgres.freshDatabase(), "switchboard.sandbox.media-origins=" + media.origin());
    }

    @AfterAll
    static void stop() {
        media.close();
        sandbox.close();
        live.close();
        meta.stop();
    }

    @BeforeEach
    void freshScenario() {
        meta.resetScenarios();
        meta.resetRequests();
        SandboxControl.settings(sandbox, Duration.ZERO, Duration.ofMillis(500), 50);
    }

    /** The two platforms, and how each gives a test an account to connect. */
    enum Platform {
        META_REFERENCE {
            @Override
            InstagramGraph graph() {
                return live.bean(InstagramGraph.class);
            }

            @Override
            String authorizationCode() {
                return "AQBx-code-from-the-redirect";
            }

            @Override
            void tokenIsOldEnoughToRefresh(String platformUserId) {
            }
        },
        SANDBOX {
            @Override
            InstagramGraph graph() {
                return sandbox.bean(InstagramGraph.class);
            }

            @Override
            String authorizationCode() {
                return graph().createSandboxAccounts(1, "contract", REDIRECT).orElseThrow().getFirst().code();
            }

            @Override
            void tokenIsOldEnoughToRefresh(String platformUserId) {
                SandboxControl.ageTokens(sandbox, platformUserId);
            }
        };

        abstract InstagramGraph graph();

        abstract String authorizationCode();

        abstract void tokenIsOldEnoughToRefresh(String platformUserId);
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void an_account_is_connected_and_a_post_published_step_by_step(Platform platform) {
        InstagramGraph graph = platform.graph();

        TokenGrant grant = graph.exchangeCode(platform.authorizationCode(), REDIRECT).orElseThrow();
        assertThat(grant.platformUserId()).isNotBlank();
        assertThat(grant.permissions()).contains("instagram_business_content_publish");
        LongLivedToken longLived = graph.longLivedToken(grant.accessToken()).orElseThrow();
        assertThat(longLived.expiresIn()).isBetween(Duration.ofDays(59), Duration.ofDays(61));
        Profile profile = graph.profile(Credentials.unconnected(longLived.accessToken())).orElseThrow();
        assertThat(profile.platformUserId()).isEqualTo(grant.platformUserId());
        assertThat(profile.username()).isNotBlank();
        Credentials account = new Credentials(null, profile.platformUserId(), longLived.accessToken());

        PublishingLimit before = graph.publishingLimit(account).orElseThrow();
        assertThat(before.total()).isPositive();
        assertThat(before.window()).isEqualTo(Duration.ofHours(24));
        String container = graph.createContainer(account, ContainerRequest.image(photo, "Contract #switchboard"))
                .orElseThrow().id();
        assertThat(container).isNotBlank();
        AtomicReference<ContainerStatus> status = new AtomicReference<>();
        eventually(Duration.ofSeconds(30), () -> {
            status.set(graph.containerStatus(account, container).orElseThrow());
            assertThat(status.get().state()).isNotEqualTo(ContainerState.IN_PROGRESS);
        });
        assertThat(status.get().state()).as("the container's status: %s", status.get()).isEqualTo(ContainerState.FINISHED);
        String mediaId = graph.publish(account, container).orElseThrow().mediaId();
        assertThat(graph.containerStatus(account, container).orElseThrow().state()).isEqualTo(ContainerState.PUBLISHED);
        MediaItem item = graph.media(account, mediaId).orElseThrow();
        assertThat(item.id()).isEqualTo(mediaId);
        assertThat(item.permalink()).startsWith("http");
        assertThat(item.timestamp()).isBefore(Instant.now().plusSeconds(60));

        platform.tokenIsOldEnoughToRefresh(account.platformUserId());
        LongLivedToken refreshed = graph.refreshToken(account).orElseThrow();
        assertThat(refreshed.accessToken()).isNotBlank().isNotEqualTo(longLived.accessToken());
        assertThat(refreshed.expiresIn()).isBetween(Duration.ofDays(59), Duration.ofDays(61));
    }

    @Test
    void metas_documented_errors_are_classified_by_the_error_table() {
        InstagramGraph graph = live.bean(InstagramGraph.class);
        Credentials account = new Credentials(null, USER, "IGQVJ-long-lived-token-from-the-reference");

        assertThat(graph.profile(Credentials.unconnected("IGQVJ-revoked-token")))
                .isInstanceOfSatisfying(GraphResult.Failed.class, failed -> {
                    assertThat(failed.problem()).isInstanceOf(GraphProblem.TokenInvalid.class);
                    assertThat(failed.problem().error().subcode()).isEqualTo(460);
                });
        assertThat(graph.createContainer(account, ContainerRequest.image(URI.create("https://media.example.test/too-large.jpg"),
                null))).isInstanceOfSatisfying(GraphResult.Failed.class, failed ->
                assertThat(failed.problem()).isInstanceOfSatisfying(GraphProblem.BadMedia.class,
                        bad -> assertThat(bad.rule()).isEqualTo(MediaRule.IMAGE_TOO_LARGE)));
        assertThat(graph.publish(account, "17889400000000000")).isInstanceOfSatisfying(GraphResult.Failed.class,
                failed -> assertThat(failed.problem()).isInstanceOf(GraphProblem.ContainerExpired.class));
    }

    @Test
    void business_use_case_usage_above_the_threshold_holds_that_account_off() {
        InstagramGraph graph = live.bean(InstagramGraph.class);
        Credentials busy = new Credentials(null, "17841400000000001", "IGQVJ-busy-account-token");

        assertThat(graph.profile(busy).ok()).as("the answer that reports 95 % usage").isTrue();
        assertThat(graph.profile(busy)).isInstanceOfSatisfying(GraphResult.Failed.class, failed ->
                assertThat(failed.problem()).isInstanceOfSatisfying(GraphProblem.Throttled.class, throttled -> {
                    assertThat(throttled.wholeApp()).isFalse();
                    assertThat(throttled.until()).isBetween(Instant.now().plus(Duration.ofMinutes(6)),
                            Instant.now().plus(Duration.ofMinutes(8)));
                }));
        meta.verify(1, getRequestedFor(urlPathMatching("/v[0-9.]+/17841400000000001")));
        assertThat(graph.profile(new Credentials(null, USER, "IGQVJ-long-lived-token-from-the-reference")).ok())
                .as("other accounts go on").isTrue();
    }

    @Test
    void live_is_the_default_with_a_database_url_and_then_no_sandbox_is_served() {
        assertThat(live.bean(InstagramGraph.class).mode()).isEqualTo(PlatformMode.LIVE);
        WebSession anyone = new WebSession();
        for (String path : new String[]{"/sandbox/graph/v25.0/me", "/sandbox/graph/oauth/access_token"}) {
            assertThat(anyone.get(live.url(path)).statusCode()).as(path).isEqualTo(404);
        }
        WebSession admin = io.switchboard.testing.Operators.admin(live);
        for (String path : new String[]{"/sandbox", "/sandbox/oauth/authorize", "/sandbox/p/1",
                "/sandbox/graph/v25.0/me"}) {
            assertThat(admin.get(live.url(path)).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(sandbox.bean(InstagramGraph.class).mode()).isEqualTo(PlatformMode.SANDBOX);
        assertThat(new WebSession().get(sandbox.url("/sandbox/graph/v25.0/me")).statusCode())
                .as("the same path in sandbox mode is the sandbox").isNotEqualTo(404);
    }
}
