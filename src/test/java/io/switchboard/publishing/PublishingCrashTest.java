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
import org.junit.jupiter.params.provider.EnumSource;
import testsupport.ChildInstance;
import testsupport.SignedIn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.CAMPAIGN_POST;
import static testsupport.TaskWaits.eventually;

/**
 * An instance publishing a post is killed with SIGKILL at each step of the way (container made, while the
 * platform processes it, publish asked for and still in flight); another instance takes the post over and
 * the platform publishes it exactly once. The killed instance is a JVM of its own; the platform (the
 * sandbox, reached over HTTP) lives in an instance that does not publish, so calls in flight at the kill
 * still complete on the platform's side, as they would on the real one.
 */
class PublishingCrashTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String[] ENGINE = {"switchboard.tasks.lease-duration=3s",
            "switchboard.tasks.heartbeat-interval=300ms", "switchboard.tasks.poll-interval=200ms",
            "switchboard.tasks.promote-interval=50ms", "switchboard.tasks.rescue-interval=300ms",
            "switchboard.publishing.poll-first=300ms", "switchboard.publishing.poll-max=600ms",
            "switchboard.publishing.recovery-looks=20"};
    private static String url;
    private static AppInstance platform;
    private static PublishingFixture fixture;

    /** Where the publishing instance dies, seen in the post's row. */
    enum KillPoint {
        AFTER_CONTAINER_CREATED(p -> p.containerId() != null),
        WHILE_THE_PLATFORM_PROCESSES(p -> p.containerId() != null && p.polls() >= 2 && p.publishRequestedAt() == null),
        WITH_THE_PUBLISH_IN_FLIGHT(p -> p.publishRequestedAt() != null);

        final Predicate<CampaignPost> reached;

        KillPoint(Predicate<CampaignPost> reached) {
            this.reached = reached;
        }
    }

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

    @ParameterizedTest
    @EnumSource(KillPoint.class)
    void a_post_whose_publisher_is_killed_is_published_exactly_once(KillPoint kill, @TempDir Path dir) throws Exception {
        // long enough processing for a look or two, and a slow answer so the kill lands while publish is in flight
        SandboxControl.settings(platform, Duration.ofMillis(kill == KillPoint.WITH_THE_PUBLISH_IN_FLIGHT ? 1500 : 100),
                Duration.ofSeconds(2), 50);
        var account = fixture.accounts(1, "crash").getFirst();
        var media = fixture.images(1);
        Path log = dir.resolve("publisher.log");
        Process publisher = ChildInstance.start(url, log, withEngine(
                "switchboard.platform.graph-url=" + platform.url("/sandbox/graph"),
                "switchboard.media.public-base-url=" + platform.url("")));
        try {
            ChildInstance.awaitReady(publisher, log);
            long campaignId = platform.bean(Campaigns.class).launch(
                    PublishingFixture.imageCampaign("Crash " + kill, List.of(account), media), "crash-test");
            long postId = fixture.posts(campaignId).getFirst().id();

            awaitPost(postId, kill.reached, Duration.ofSeconds(60));
            if (kill == KillPoint.WITH_THE_PUBLISH_IN_FLIGHT) {
                // the request has reached the platform (this JVM's sandbox), which answers after 1.5 s
                eventually(WAIT, () -> assertThat(publishBeingServed()).isTrue());
            }
            publisher.destroyForcibly().waitFor();
            CampaignPost atKill = post(postId);
            assertThat(atKill.status()).as("killed before it was recorded as published").isNotEqualTo(PostStatus.PUBLISHED);

            try (AppInstance survivor = AppInstance.start(url, withEngine(
                    "switchboard.platform.graph-url=" + platform.url("/sandbox/graph"),
                    "switchboard.media.public-base-url=" + platform.url("")))) {
                awaitPost(postId, p -> p.status() == PostStatus.PUBLISHED, WAIT);
                CampaignPost published = post(postId);
                assertThat(SandboxControl.publishes(platform, account.platformUserId()))
                        .as("the platform published the post once").isEqualTo(1);
                assertThat(published.mediaId()).isNotBlank();
                if (kill == KillPoint.WITH_THE_PUBLISH_IN_FLIGHT) {
                    assertThat(published.statusReason()).contains("not published again");
                } else {
                    assertThat(published.containerId()).as("the container made before the kill was used")
                            .isEqualTo(atKill.containerId());
                }
                eventually(WAIT, () -> assertThat(survivor.bean(Campaigns.class).find(campaignId).orElseThrow().status())
                        .isEqualTo(CampaignStatus.FINISHED));
            }
        } finally {
            publisher.destroyForcibly();
        }
    }

    private static void awaitPost(long postId, Predicate<CampaignPost> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(post(postId))) {
            assertThat(System.nanoTime()).as("post %d did not get there in %s: %s", postId, timeout, post(postId))
                    .isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Whether a thread of the platform (in this JVM) is serving a publish call right now. */
    private static boolean publishBeingServed() {
        return Thread.getAllStackTraces().values().stream().anyMatch(stack -> java.util.Arrays.stream(stack)
                .anyMatch(frame -> frame.getClassName().equals("io.switchboard.sandbox.GraphController")
                        && frame.getMethodName().equals("publish")));
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

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
