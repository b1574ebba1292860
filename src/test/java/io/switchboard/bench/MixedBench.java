package io.switchboard.bench;

import io.switchboard.accounts.Connections;
import io.switchboard.platform.Platform;
import io.switchboard.publishing.Assignment;
import io.switchboard.publishing.CampaignSpec;
import io.switchboard.publishing.Campaigns;
import io.switchboard.publishing.CaptionStrategy;
import io.switchboard.publishing.PostCounts;
import io.switchboard.publishing.PostOptions;
import io.switchboard.publishing.PostStatus;
import io.switchboard.publishing.PublishingFixture;
import io.switchboard.publishing.Schedule;
import io.switchboard.sandbox.SandboxControl;
import io.switchboard.sandbox.TikTokControl;
import io.switchboard.testing.AppInstance;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import testsupport.Clips;
import testsupport.SignedIn;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code ./mvnw -Pbench -Dbench=mixed verify}: one campaign of 10 vertical videos to 100 Instagram and 100 TikTok
 * sandbox accounts (2,000 posts) published by 3 instances against both sandboxes (processing delay 2 s, latency
 * 100 ms, TikTok's per-token rate limits on). Timed from launch until every post is published; then, from each
 * sandbox's own record: posts on Instagram, posts on TikTok, and duplicates (a caption is unique to one post, so a
 * caption twice for one account is a post twice). Sizes: {@code -Dbench.mixed.accounts} (per platform),
 * {@code -Dbench.mixed.videos}.
 */
@Tag("bench")
class MixedBench {
    private static final int ACCOUNTS = Integer.getInteger("bench.mixed.accounts", 100);
    private static final int VIDEOS = Integer.getInteger("bench.mixed.videos", 10);
    private static final int INSTANCES = 3;
    private static final String[] SETTINGS = {"logging.level.io.switchboard=WARN",
            "switchboard.tasks.queues.publishing=32", "switchboard.tasks.queues.sandbox=8"};

    @Test
    void mixed() throws Exception {
        Bench.only("mixed");
        Path dir = Files.createTempDirectory("mixed-bench");
        try (EmbeddedPostgres postgres = Bench.postgres(false)) {
            String url = Bench.database(postgres, "mixed");
            List<AppInstance> instances = new ArrayList<>();
            try {
                AppInstance first = AppInstance.start(url, SETTINGS);
                instances.add(first);
                SignedIn.as("bench", "OPERATOR");
                URI callback = URI.create(first.url("/accounts/connect/callback"));
                Connections connections = first.bean(Connections.class);
                connections.createSandboxAccounts(Platform.INSTAGRAM, ACCOUNTS, "ig", "bench", callback);
                connections.createSandboxAccounts(Platform.TIKTOK, ACCOUNTS, "tt", "bench", callback);
                PublishingFixture fixture = new PublishingFixture(first);
                List<Long> media = new ArrayList<>();
                for (int i = 0; i < VIDEOS; i++) {
                    media.add(fixture.upload(Clips.compliant(dir, "clip-" + UUID.randomUUID() + ".mp4", 3)));
                }
                media.forEach(fixture::awaitReady);
                SandboxControl.settings(first, Duration.ofMillis(100), Duration.ofSeconds(2), 50);
                TikTokControl.settings(first, Duration.ofMillis(100), Duration.ofSeconds(2), 15, true);
                for (int i = 1; i < INSTANCES; i++) {
                    instances.add(AppInstance.start(url, with("switchboard.media.public-base-url=" + first.url(""))));
                }
                var spec = new CampaignSpec("Mixed bench", List.of(), "bench", media,
                        new CaptionStrategy.Template("{media.title} for @{account.username} #{n}"), List.of(),
                        new Assignment.EveryAccountEveryMedia(), new Schedule(null, Duration.ofSeconds(2), null, null,
                        50), PostOptions.reels());
                Campaigns campaigns = first.bean(Campaigns.class);
                long started = System.nanoTime();
                long campaignId = campaigns.launch(spec, "bench");
                while (!settled(campaigns.counts(campaignId))) {
                    Thread.sleep(500);
                    if (System.nanoTime() - started > Duration.ofMinutes(60).toNanos()) {
                        throw new AssertionError("not settled in 60 minutes: " + campaigns.counts(campaignId));
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                report(first.bean(DSLContext.class), campaigns.counts(campaignId), seconds);
            } finally {
                SignedIn.out();
                instances.reversed().forEach(AppInstance::close);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String[] with(String more) {
        String[] all = java.util.Arrays.copyOf(SETTINGS, SETTINGS.length + 1);
        all[SETTINGS.length] = more;
        return all;
    }

    private static int count(DSLContext db, String sql) {
        return db.fetchSingle(sql).get(0, Integer.class);
    }

    private static boolean settled(PostCounts counts) {
        if (counts.get(PostStatus.FAILED) > 0) {
            throw new AssertionError("posts failed: " + counts);
        }
        return counts.get(PostStatus.PUBLISHED) == counts.total();
    }

    private static void report(DSLContext db, PostCounts counts, double seconds) {
        int instagram = count(db, "SELECT count(*) FROM sandbox_media");
        int instagramDistinct = count(db, "SELECT count(DISTINCT (account_id, caption)) FROM sandbox_media");
        int tiktok = count(db, "SELECT count(*) FROM sandbox_tiktok_publish WHERE status <> 'FAILED'");
        int tiktokDistinct = count(db, "SELECT count(DISTINCT (user_id, title)) FROM sandbox_tiktok_publish WHERE "
                + "status <> 'FAILED'");
        int duplicates = instagram - instagramDistinct + tiktok - tiktokDistinct;
        Bench.print(String.format("mixed posts=%d instagram=%d tiktok=%d duplicates=%d seconds=%.1f instances=%d "
                        + "accounts_per_platform=%d videos=%d", counts.total(), instagram, tiktok, duplicates, seconds,
                INSTANCES, ACCOUNTS, VIDEOS));
        if (duplicates > 0 || instagram + tiktok != counts.total()) {
            throw new AssertionError("a post published twice or not at all: see the line above");
        }
    }
}
