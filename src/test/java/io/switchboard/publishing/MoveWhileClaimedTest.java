package io.switchboard.publishing;

import io.switchboard.infrastructure.Problem;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import testsupport.ChildInstance;
import testsupport.SignedIn;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.CAMPAIGN_POST;
import static switchboard.jooq.Tables.TASK;
import static testsupport.TaskWaits.eventually;

/**
 * Moving posts while another instance (a JVM of its own) claims their publish tasks: ten posts due at the same
 * moment; five are moved a day later from this instance while their tasks wait, five the moment the other instance
 * is seen holding their task (the platform answers slowly, so no container exists yet and the post still reads
 * "scheduled"). A move of a waiting task is accepted: post and task at the new time, and the platform (the sandbox's
 * own record) never publishes it. A move of a claimed task is refused, and the post is published exactly once.
 */
class MoveWhileClaimedTest {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final int POSTS = 10;
    private static final String[] ENGINE = {"switchboard.tasks.lease-duration=3s",
            "switchboard.tasks.heartbeat-interval=300ms", "switchboard.tasks.poll-interval=100ms",
            "switchboard.tasks.promote-interval=50ms", "switchboard.tasks.rescue-interval=300ms",
            "switchboard.publishing.poll-first=300ms", "switchboard.publishing.poll-max=600ms"};
    private static String url;
    private static AppInstance platform;
    private static PublishingFixture fixture;
    private static final SandboxPlatform SANDBOX = SandboxPlatform.ALL.getFirst();

    @BeforeAll
    static void start() {
        url = TestPostgres.freshDatabase();
        platform = AppInstance.start(url, with("switchboard.tasks.queues.publishing=0"));
        fixture = new PublishingFixture(platform);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void a_post_moved_while_another_instance_claims_it_is_never_published_twice_or_at_its_old_time(@TempDir Path dir)
            throws Exception {
        SignedIn.as("race-test", "OPERATOR");
        var accounts = fixture.accounts(SANDBOX, POSTS, "race");
        var media = fixture.images(1);
        Path log = dir.resolve("publisher.log");
        List<String> settings = new ArrayList<>(SANDBOX.pointedAt(platform));
        settings.add("switchboard.media.public-base-url=" + platform.url(""));
        Process publisher = ChildInstance.start(url, log, with(settings.toArray(String[]::new)));
        try {
            ChildInstance.awaitReady(publisher, log);
            // a platform that answers slowly keeps claimed posts a while between claim and container: the widest race
            SANDBOX.pace(platform, Duration.ofMillis(800), Duration.ofSeconds(1));
            Instant due = Instant.now().plusSeconds(20).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            long campaign = platform.bean(Campaigns.class).launch(PublishingFixture.campaign("Race", accounts, media,
                    new PostOptions(PostType.IMAGE, false, null, 0), new Schedule(due, Duration.ZERO, null, null, 50)),
                    "race-test");
            List<CampaignPost> posts = fixture.posts(campaign);
            assertThat(posts).hasSize(POSTS).allSatisfy(p -> assertThat(p.scheduledAt().toInstant()).isEqualTo(due));
            Instant later = due.plus(Duration.ofDays(1));

            // half the posts are moved while their tasks wait; the other half the moment another instance is seen to
            // have claimed their task (the platform answers slowly, so the claim is still before its container)
            Map<Long, String> outcome = new ConcurrentHashMap<>();
            ExecutorService movers = Executors.newFixedThreadPool(POSTS);
            for (int i = 0; i < POSTS; i++) {
                CampaignPost post = posts.get(i);
                boolean early = i < POSTS / 2;
                movers.submit(() -> {
                    if (early) {
                        sleepUntil(due.minusSeconds(3));
                    } else {
                        awaitClaimed(post.id());
                    }
                    SignedIn.as("race-test", "OPERATOR");
                    try {
                        platform.bean(PostChanges.class).move(post.id(), later);
                        outcome.put(post.id(), "moved");
                    } catch (Problem refused) {
                        outcome.put(post.id(), "refused: " + refused.getMessage());
                    } catch (RuntimeException e) {
                        outcome.put(post.id(), "error: " + e);
                    } finally {
                        SignedIn.out();
                    }
                });
            }
            movers.shutdown();
            assertThat(movers.awaitTermination(WAIT.toMinutes() + 1, TimeUnit.MINUTES)).isTrue();
            assertThat(outcome).hasSize(POSTS);

            for (int i = 0; i < POSTS; i++) {
                CampaignPost post = posts.get(i);
                String account = accounts.get(i).platformUserId();
                if (outcome.get(post.id()).equals("moved")) {
                    continue;
                }
                assertThat(outcome.get(post.id())).contains("publish");
                eventually(WAIT, () -> assertThat(post(post.id()).status()).isEqualTo(PostStatus.PUBLISHED));
                assertThat(SANDBOX.publishes(platform, account)).as("post %d published once", post.id()).isEqualTo(1);
            }
            Thread.sleep(3_000); // time for a wrongly moved post to be published anyway
            int moved = 0;
            for (int i = 0; i < POSTS; i++) {
                CampaignPost post = posts.get(i);
                if (!outcome.get(post.id()).equals("moved")) {
                    continue;
                }
                moved++;
                CampaignPost now = post(post.id());
                assertThat(now.status()).as("post %d moved: %s", post.id(), now).isEqualTo(PostStatus.SCHEDULED);
                assertThat(now.scheduledAt().toInstant()).isEqualTo(later);
                assertThat(now.containerId()).isNull();
                var task = platform.bean(DSLContext.class).select(TASK.STATE, TASK.RUN_AT).from(TASK)
                        .where(TASK.UNIQUE_KEY.eq(PublishPost.uniqueKey(post.id()))).orderBy(TASK.ID.desc()).limit(1)
                        .fetchSingle();
                assertThat(task.value1()).isEqualTo("scheduled");
                assertThat(task.value2().toInstant()).isEqualTo(later);
                assertThat(SANDBOX.publishes(platform, accounts.get(i).platformUserId()))
                        .as("moved post %d was not published at its old time", post.id()).isZero();
            }
            for (int i = 0; i < POSTS; i++) {
                assertThat(outcome.get(posts.get(i).id())).as("post %d", posts.get(i).id())
                        .startsWith(i < POSTS / 2 ? "moved" : "refused");
            }
            System.out.printf("move-vs-claim: %d of %d moves accepted, %d refused (publish had begun)%n", moved, POSTS,
                    POSTS - moved);
        } finally {
            publisher.destroyForcibly();
            SignedIn.out();
        }
    }

    private static CampaignPost post(long postId) {
        return platform.bean(DSLContext.class).selectFrom(CAMPAIGN_POST).where(CAMPAIGN_POST.ID.eq(postId))
                .fetchSingle(PostRepository::post);
    }

    /** Waits until another instance holds the post's publish task. */
    private static void awaitClaimed(long postId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        DSLContext db = platform.bean(DSLContext.class);
        while (System.nanoTime() < deadline) {
            String state = db.select(TASK.STATE).from(TASK).where(TASK.UNIQUE_KEY.eq(PublishPost.uniqueKey(postId)))
                    .orderBy(TASK.ID.desc()).limit(1).fetchOne(TASK.STATE);
            if ("running".equals(state)) {
                return;
            }
            sleepUntil(Instant.now().plusMillis(5));
        }
        throw new AssertionError("post " + postId + " was never claimed");
    }

    private static void sleepUntil(Instant when) {
        long wait = Duration.between(Instant.now(), when).toMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String[] with(String... more) {
        String[] all = java.util.Arrays.copyOf(ENGINE, ENGINE.length + more.length);
        System.arraycopy(more, 0, all, ENGINE.length, more.length);
        return all;
    }
}
