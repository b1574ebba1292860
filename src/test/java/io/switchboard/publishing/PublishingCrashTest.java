package io.switchboard.publishing;

import io.switchboard.sandbox.SandboxControl;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import testsupport.ChildInstance;
import testsupport.SignedIn;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.CAMPAIGN_POST;
import static testsupport.TaskWaits.eventually;

/**
 * On every platform (each row of {@link SandboxPlatform#ALL}), an instance publishing a post is killed with SIGKILL
 * at each step of the way the platform's row names (on Instagram: container made, while the platform processes it,
 * publish asked for and still in flight); another instance takes the post over and the platform publishes it
 * exactly once, by its sandbox's own record. The killed instance is a JVM of its own; the platform (the sandbox,
 * reached over HTTP) lives in an instance that does not publish, so calls in flight at the kill still complete on
 * the platform's side, as they would on the real one.
 */
class PublishingCrashTest {
    /** Bounds for getting somewhere, not for how fast: a JVM starting on a loaded 2-core machine takes minutes. */
    private static final Duration WAIT = Duration.ofMinutes(4);
    /** How fast the platform answers every call but the one a kill point slows. */
    private static final Duration QUICK = Duration.ofMillis(100);
    /**
     * A dead instance's work taken over within seconds; the lease long enough that a live instance at load 50 on 2
     * cores still heartbeats in time (at 3 s the publisher lost its lease mid-publish there). Idle queues are woken
     * by the database's notifications, so the engine's polling (a fallback) keeps its default: every poll is CPU a
     * starting JVM on 2 cores goes without.
     */
    private static final String[] ENGINE = {"switchboard.tasks.lease-duration=5s",
            "switchboard.tasks.heartbeat-interval=300ms", "switchboard.tasks.rescue-interval=300ms",
            "switchboard.publishing.poll-first=300ms", "switchboard.publishing.poll-max=600ms",
            "switchboard.publishing.recovery-looks=20"};
    /**
     * The instance that is killed only publishes: the platform's instance fetches (sandbox) and prepares (media)
     * the media. It never runs the rescue, whose lock a killed holder would keep for a minute (its lockAtMostFor),
     * leaving the dead instance's post unrescued that long.
     */
    private static final String[] PUBLISHER_ONLY = {"switchboard.tasks.queues.sandbox=0",
            "switchboard.tasks.queues.media=0", "switchboard.tasks.queues.insights=0",
            "switchboard.tasks.queues.proxies=0", "switchboard.tasks.queues.accounts=0",
            "switchboard.tasks.rescue-interval=1h"};
    private static String url;
    private static AppInstance platform;
    private static PublishingFixture fixture;

    @BeforeAll
    static void start() {
        url = TestPostgres.freshDatabase();
        // serves the sandbox platform and the media files, prepares media, never publishes
        platform = AppInstance.start(url, withEngine("switchboard.tasks.queues.publishing=0"));
        fixture = new PublishingFixture(platform);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @BeforeEach
    void signIn() {
        SignedIn.as("crash-test", "OPERATOR");
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    static Stream<Arguments> killPoints() {
        // -Dcrash.platform=tiktok runs one platform's rows only
        String only = System.getProperty("crash.platform");
        return SandboxPlatform.ALL.stream().filter(sandbox -> only == null || sandbox.platform().key().equals(only))
                .flatMap(sandbox -> sandbox.killPoints().stream()
                .map(kill -> Arguments.of(sandbox, kill)));
    }

    @ParameterizedTest(name = "{0}: killed {1}")
    @MethodSource("killPoints")
    void a_post_whose_publisher_is_killed_is_published_exactly_once(SandboxPlatform sandbox, SandboxPlatform.KillPoint kill,
                                                                    @TempDir Path dir) throws Exception {
        // the kill point says how slowly the platform answers the call that publishes and how long it processes the
        // media; every other call is quick, so the rest of the publish and the survivor's looks do not wait for nothing
        sandbox.pace(platform, QUICK, kill.processing());
        SandboxControl.slowOnly(platform, sandbox.publishCall(), kill.latency());
        var account = fixture.accounts(sandbox, 1, "crash").getFirst();
        CampaignSpec spec = sandbox.campaign(fixture, "Crash " + sandbox + " " + kill, account);
        Path log = dir.resolve("publisher.log");
        Process publisher = ChildInstance.start(url, log, publisher(sandbox));
        try {
            ChildInstance.awaitReady(publisher, log);
            long campaignId = platform.bean(Campaigns.class).launch(spec, "crash-test");
            long postId = fixture.posts(campaignId).getFirst().id();

            awaitPost(postId, kill.reached(), WAIT);
            if (kill.inFlight()) {
                // the request has reached the platform (this JVM's sandbox), which answers slowly
                eventually(WAIT, () -> assertThat(sandbox.publishBeingServed(platform)).isTrue());
            }
            publisher.destroyForcibly().waitFor();
            CampaignPost atKill = post(postId);
            assertThat(atKill.status()).as("killed before it was recorded as published").isNotEqualTo(PostStatus.PUBLISHED);

            try (AppInstance survivor = AppInstance.start(url, withEngine(pointedAt(sandbox)))) {
                awaitPost(postId, p -> p.status() == PostStatus.PUBLISHED, WAIT);
                CampaignPost published = post(postId);
                assertThat(sandbox.publishes(platform, account.platformUserId()))
                        .as("the platform published the post once").isEqualTo(1);
                assertThat(published.mediaId()).isNotBlank();
                if (kill.inFlight()) {
                    assertThat(published.statusReason()).contains("not published again");
                } else {
                    assertThat(published.containerId()).as("what the platform handed back before the kill was used")
                            .isEqualTo(atKill.containerId());
                }
                eventually(WAIT, () -> assertThat(survivor.bean(Campaigns.class).find(campaignId).orElseThrow().status())
                        .isEqualTo(CampaignStatus.FINISHED));
            }
        } finally {
            publisher.destroyForcibly();
        }
    }

    /**
     * The first comment is a follow-up of the publish with the same rule: the instance is killed after the post was
     * published and recorded, with the comment call in flight (its id not stored); the survivor finds the comment
     * among the post's comments and records it: exactly one comment on the platform.
     */
    @org.junit.jupiter.api.Test
    void a_first_comment_whose_poster_is_killed_is_posted_exactly_once(@TempDir Path dir) throws Exception {
        SandboxPlatform sandbox = new InstagramSandbox();
        // a slow answer (4 s) to the comment call only, so the kill lands while it is in flight even on a loaded
        // machine
        sandbox.pace(platform, QUICK, Duration.ofSeconds(2));
        SandboxControl.slowOnly(platform, "comment", Duration.ofSeconds(4));
        var account = fixture.accounts(sandbox, 1, "commentcrash").getFirst();
        var media = fixture.images(1);
        Path log = dir.resolve("publisher.log");
        Process publisher = ChildInstance.start(url, log, publisher(sandbox));
        try {
            ChildInstance.awaitReady(publisher, log);
            var ig = new InstagramOptions("Said once, whatever dies", List.of(), null, List.of(), null, null, null,
                    null, java.util.Map.of());
            long campaignId = platform.bean(Campaigns.class).launch(PublishingFixture.campaign("Comment crash",
                    List.of(account), media, new PostOptions(PostType.IMAGE, false, null, 0, ig),
                    new Schedule(null, Duration.ZERO, null, null, 50)), "crash-test");
            long postId = fixture.posts(campaignId).getFirst().id();
            FirstComments comments = platform.bean(FirstComments.class);

            eventually(WAIT, () -> assertThat(comments.find(postId).orElseThrow().requestedAt()).isNotNull());
            eventually(WAIT, () -> assertThat(SandboxControl.serving(platform, "comment")).isPositive());
            publisher.destroyForcibly().waitFor();
            CampaignPost atKill = post(postId);
            assertThat(atKill.status()).as("published and recorded before the kill").isEqualTo(PostStatus.PUBLISHED);
            assertThat(comments.find(postId).orElseThrow().commentId()).as("killed before the comment id was stored")
                    .isNull();

            try (AppInstance survivor = AppInstance.start(url, withEngine(pointedAt(sandbox)))) {
                eventually(WAIT, () -> assertThat(comments.find(postId).orElseThrow().status())
                        .isEqualTo(FirstComment.Status.POSTED));
                assertThat(SandboxControl.comments(platform, atKill.mediaId()))
                        .as("the platform holds the comment once").hasSize(1);
                assertThat(sandbox.publishes(platform, account.platformUserId())).isEqualTo(1);
            }
        } finally {
            publisher.destroyForcibly();
        }
    }

    private static String[] pointedAt(SandboxPlatform sandbox) {
        List<String> settings = new java.util.ArrayList<>(sandbox.pointedAt(platform));
        settings.add("switchboard.media.public-base-url=" + platform.url(""));
        return settings.toArray(String[]::new);
    }

    private static String[] publisher(SandboxPlatform sandbox) {
        List<String> settings = new java.util.ArrayList<>(List.of(pointedAt(sandbox)));
        settings.addAll(List.of(PUBLISHER_ONLY));
        return withEngine(settings.toArray(String[]::new));
    }

    private static void awaitPost(long postId, Predicate<CampaignPost> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(post(postId))) {
            assertThat(System.nanoTime()).as("post %d did not get there in %s: %s", postId, timeout, post(postId))
                    .isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static CampaignPost post(long postId) {
        return platform.bean(DSLContext.class).selectFrom(CAMPAIGN_POST).where(CAMPAIGN_POST.ID.eq(postId))
                .fetchSingle(PostRepository::post);
    }

    private static String[] withEngine(String... more) {
        String[] all = java.util.Arrays.copyOf(ENGINE, ENGINE.length + more.length);
        System.arraycopy(more, 0, all, ENGINE.length, more.length);
        return all;
    }
}
