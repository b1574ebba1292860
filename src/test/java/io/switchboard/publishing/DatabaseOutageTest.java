package io.switchboard.publishing;

import io.switchboard.sandbox.SandboxControl;
import io.switchboard.testing.AppInstance;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import testsupport.ChildInstance;
import testsupport.SignedIn;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.CAMPAIGN_POST;
import static switchboard.jooq.Tables.INSTANCE;
import static switchboard.jooq.Tables.TASK;
import static testsupport.TaskWaits.eventually;

/**
 * PostgreSQL stops for well over a lease in the middle of a campaign published by two instances (JVMs of their
 * own) and starts again: every instance carries on without a restart, the campaign finishes, and the sandbox's
 * own record shows every post published exactly once. The leases are short here (6 s, against 30 s by
 * default) so that the outage, 2.5 leases, keeps the test short.
 */
class DatabaseOutageTest {
    private static final Duration OUTAGE = Duration.ofSeconds(15);
    private static final String[] ENGINE = {"switchboard.tasks.lease-duration=6s",
            "switchboard.tasks.heartbeat-interval=500ms", "switchboard.tasks.poll-interval=300ms",
            "switchboard.tasks.promote-interval=100ms", "switchboard.tasks.rescue-interval=1s",
            "switchboard.instances.heartbeat-interval=1s",
            "spring.datasource.hikari.connection-timeout=2000",
            "switchboard.publishing.poll-first=300ms", "switchboard.publishing.poll-max=1s"};

    @Test
    void instances_ride_out_a_database_outage_and_publish_every_post_once(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("postgres");
        int port = freePort();
        EmbeddedPostgres postgres = start(data, port);
        String url = postgres.getJdbcUrl("postgres", "postgres");
        Process first = null;
        Process second = null;
        try (AppInstance platform = AppInstance.start(url, withEngine("switchboard.tasks.queues.publishing=0"))) {
            SignedIn.as("outage-test", "OPERATOR");
            SandboxControl.settings(platform, Duration.ofMillis(50), Duration.ofSeconds(1), 50);
            PublishingFixture fixture = new PublishingFixture(platform);
            var accounts = fixture.accounts(6, "outage");
            var media = fixture.images(4);
            String[] publisher = withEngine("switchboard.platform.graph-url=" + platform.url("/sandbox/graph"),
                    "switchboard.media.public-base-url=" + platform.url(""));
            first = ChildInstance.start(url, dir.resolve("first.log"), publisher);
            second = ChildInstance.start(url, dir.resolve("second.log"), publisher);
            awaitReady(dir.resolve("first.log"));
            awaitReady(dir.resolve("second.log"));

            Campaigns campaigns = platform.bean(Campaigns.class);
            long campaignId = campaigns.launch(new CampaignSpec("Outage", accounts.stream()
                    .map(PublishingFixture.Connected::id).toList(), null, media,
                    new CaptionStrategy.Template("Outage {media.title} for @{account.username} #{n}"), List.of(),
                    new Assignment.EveryAccountEveryMedia(), new Schedule(null, Duration.ofSeconds(3), null, null, 50),
                    new PostOptions(PostType.IMAGE, false, null, 0)), "outage-test");
            int total = accounts.size() * media.size();
            DSLContext db = platform.bean(DSLContext.class);
            eventually(Duration.ofSeconds(120), () -> assertThat(published(db, campaignId)).isGreaterThanOrEqualTo(4));
            assertThat(published(db, campaignId)).as("still going when the database stops").isLessThan(total);

            postgres.close();
            Thread.sleep(OUTAGE.toMillis());
            OffsetDateTime beforeRestart = OffsetDateTime.now();
            postgres = start(data, port);

            awaitEventually(Duration.ofSeconds(240), () -> campaigns.find(campaignId).orElseThrow().status()
                    == CampaignStatus.FINISHED);
            assertThat(fixture.posts(campaignId)).hasSize(total)
                    .allSatisfy(p -> assertThat(p.status()).isEqualTo(PostStatus.PUBLISHED));
            for (var account : accounts) {
                assertThat(SandboxControl.publishes(platform, account.platformUserId()))
                        .as("the sandbox published each of the account's posts once").isEqualTo(media.size());
            }
            assertThat(first.isAlive() && second.isAlive()).as("no instance had to be restarted").isTrue();
            eventually(Duration.ofSeconds(30), () -> assertThat(db.fetchCount(INSTANCE,
                    INSTANCE.HEARTBEAT_AT.gt(beforeRestart).and(INSTANCE.STOPPED_AT.isNull())))
                    .as("all three instances heartbeat again").isEqualTo(3));
            assertThat(db.select(TASK.ID, TASK.ERRORS).from(TASK).where(TASK.GROUP_KEY.eq("campaign:" + campaignId))
                    .fetch(r -> r.value2() == null ? "" : r.value2().data()))
                    .as("no attempt was used up by leases that lapsed in the outage")
                    .noneMatch(errors -> errors.contains("stopped heartbeating"));
        } finally {
            SignedIn.out();
            for (Process child : new Process[]{first, second}) {
                if (child != null) {
                    child.destroyForcibly().waitFor();
                }
            }
            postgres.close();
        }
    }

    /** Until the condition holds; errors from the database coming back count as not yet. */
    private static void awaitEventually(Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
                last = "not yet";
            } catch (RuntimeException e) {
                last = e.getMessage();
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("not within " + timeout + ": " + last);
    }

    private static long published(DSLContext db, long campaignId) {
        return db.fetchCount(CAMPAIGN_POST, CAMPAIGN_POST.CAMPAIGN_ID.eq(campaignId)
                .and(CAMPAIGN_POST.STATUS.eq("published")));
    }

    private static EmbeddedPostgres start(Path data, int port) throws IOException {
        Files.createDirectories(data);
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("max_connections", "200").start();
    }

    private static void awaitReady(Path log) {
        eventually(Duration.ofSeconds(600), () -> assertThat(read(log)).contains("READY"));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String[] withEngine(String... more) {
        String[] all = java.util.Arrays.copyOf(ENGINE, ENGINE.length + more.length);
        System.arraycopy(more, 0, all, ENGINE.length, more.length);
        return all;
    }
}
