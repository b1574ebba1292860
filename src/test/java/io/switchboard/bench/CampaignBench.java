package io.switchboard.bench;

import io.switchboard.accounts.Accounts;
import io.switchboard.publishing.Assignment;
import io.switchboard.publishing.CampaignSpec;
import io.switchboard.publishing.CampaignStatus;
import io.switchboard.publishing.Campaigns;
import io.switchboard.publishing.CaptionStrategy;
import io.switchboard.publishing.PostOptions;
import io.switchboard.publishing.PostType;
import io.switchboard.publishing.PublishingFixture;
import io.switchboard.publishing.Schedule;
import io.switchboard.sandbox.SandboxControl;
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

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.countDistinct;
import static switchboard.jooq.Tables.CAMPAIGN_POST;
import static switchboard.jooq.Tables.SANDBOX_MEDIA;

/**
 * {@code ./mvnw -Pbench -Dbench=campaign verify}: 200 sandbox accounts × 25 Reels = 5,000 posts published by 3
 * instances against the sandbox (processing delay 2 s, latency 100 ms on every call, quota 50 per 24 h, 2 s
 * between an account's posts). Time from launch until the campaign is finished; then, from the sandbox's own
 * record of what it published: posts published more than once, accounts over the quota, and the shortest gap
 * between two posts of one account.
 */
@Tag("bench")
class CampaignBench {
    private static final int ACCOUNTS = Integer.getInteger("bench.campaign.accounts", 200);
    private static final int VIDEOS = Integer.getInteger("bench.campaign.videos", 25);
    private static final int INSTANCES = 3;
    private static final int QUOTA = 50;
    private static final Duration SPACING = Duration.ofSeconds(2);
    private static final String[] SETTINGS = {"logging.level.io.switchboard=WARN",
            "switchboard.tasks.queues.publishing=32", "switchboard.tasks.queues.sandbox=8"};

    private static String[] with(String[] settings, String more) {
        String[] all = java.util.Arrays.copyOf(settings, settings.length + 1);
        all[settings.length] = more;
        return all;
    }

    @Test
    void campaign() throws Exception {
        Bench.only("campaign");
        Path dir = Files.createTempDirectory("campaign-bench");
        try (EmbeddedPostgres postgres = Bench.postgres(false)) {
            String url = Bench.database(postgres, "campaign");
            List<AppInstance> instances = new ArrayList<>();
            try {
                AppInstance first = AppInstance.start(url, SETTINGS);
                instances.add(first);
                SignedIn.as("bench", "OPERATOR");
                first.bean(Accounts.class).createSandboxAccounts(ACCOUNTS, "bench", "bench",
                        URI.create(first.url("/accounts/connect/callback")));
                PublishingFixture fixture = new PublishingFixture(first);
                List<Long> media = new ArrayList<>();
                for (int i = 0; i < VIDEOS; i++) {
                    media.add(fixture.upload(Clips.compliant(dir, "reel-" + UUID.randomUUID() + ".mp4", 3)));
                }
                media.forEach(fixture::awaitReady);
                SandboxControl.settings(first, Duration.ofMillis(100), Duration.ofSeconds(2), QUOTA);
                for (int i = 1; i < INSTANCES; i++) {
                    // one public base URL for every instance, as behind a load balancer: the sandbox on any of
                    // them fetches only URLs under it
                    instances.add(AppInstance.start(url, with(SETTINGS,
                            "switchboard.media.public-base-url=" + first.url(""))));
                }

                var spec = new CampaignSpec("Bench", List.of(), "bench", media,
                        new CaptionStrategy.Template("{media.title} for @{account.username} #{n}"), List.of(),
                        new Assignment.EveryAccountEveryMedia(), new Schedule(null, SPACING, null, null, QUOTA),
                        PostOptions.reels());
                Campaigns campaigns = first.bean(Campaigns.class);
                long started = System.nanoTime();
                long campaignId = campaigns.launch(spec, "bench");
                while (campaigns.find(campaignId).orElseThrow().status() != CampaignStatus.FINISHED) {
                    Thread.sleep(200);
                    if (System.nanoTime() - started > Duration.ofMinutes(30).toNanos()) {
                        throw new AssertionError("not finished in 30 minutes: " + campaigns.counts(campaignId));
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                report(first.bean(DSLContext.class), campaignId, campaigns.counts(campaignId).total(), seconds);
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

    private static void report(DSLContext db, long campaignId, int posts, double seconds) {
        int published = db.fetchCount(CAMPAIGN_POST, CAMPAIGN_POST.CAMPAIGN_ID.eq(campaignId)
                .and(CAMPAIGN_POST.STATUS.eq("published")));
        // the sandbox's own record: every caption is unique to one post, so a caption twice is a post twice
        int onPlatform = db.fetchCount(SANDBOX_MEDIA);
        int distinctPosts = db.select(countDistinct(SANDBOX_MEDIA.ACCOUNT_ID, SANDBOX_MEDIA.CAPTION)).from(SANDBOX_MEDIA)
                .fetchSingle().value1();
        int overQuota = db.fetchCount(db.select(SANDBOX_MEDIA.ACCOUNT_ID).from(SANDBOX_MEDIA)
                .groupBy(SANDBOX_MEDIA.ACCOUNT_ID).having(count().gt(QUOTA)));
        double minGap = Double.MAX_VALUE;
        Long account = null;
        java.time.OffsetDateTime last = null;
        for (var r : db.select(SANDBOX_MEDIA.ACCOUNT_ID, SANDBOX_MEDIA.PUBLISHED_AT).from(SANDBOX_MEDIA)
                .orderBy(SANDBOX_MEDIA.ACCOUNT_ID, SANDBOX_MEDIA.PUBLISHED_AT).fetch()) {
            if (r.value1().equals(account)) {
                minGap = Math.min(minGap, Duration.between(last, r.value2()).toMillis() / 1000.0);
            }
            account = r.value1();
            last = r.value2();
        }
        Bench.print(String.format("campaign posts=%d instances=%d seconds=%.1f posts_per_s=%.1f duplicates=%d "
                        + "quota_violations=%d published=%d on_platform=%d min_gap_s=%.2f spacing_s=%d accounts=%d",
                posts, INSTANCES, seconds, posts / seconds, onPlatform - distinctPosts, overQuota, published, onPlatform,
                minGap, SPACING.toSeconds(), ACCOUNTS));
    }
}
