package io.switchboard.bench;

import io.switchboard.accounts.Connections;
import io.switchboard.platform.Platform;
import io.switchboard.publishing.Assignment;
import io.switchboard.publishing.CampaignSpec;
import io.switchboard.publishing.PostCounts;
import io.switchboard.publishing.PostStatus;
import io.switchboard.publishing.Campaigns;
import io.switchboard.publishing.CaptionStrategy;
import io.switchboard.publishing.PostOptions;
import io.switchboard.publishing.PostType;
import io.switchboard.publishing.PublishingFixture;
import io.switchboard.publishing.Schedule;
import io.switchboard.sandbox.SandboxControl;
import io.switchboard.testing.AppInstance;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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

import static org.jooq.impl.DSL.countDistinct;
import static switchboard.jooq.Tables.SANDBOX_MEDIA;

/**
 * {@code ./mvnw -Pbench -Dbench=campaign verify}: 200 sandbox accounts × 25 Reels = 5,000 posts published by 3
 * instances against the sandbox (processing delay 2 s, latency 100 ms on every call, 2 s between an account's
 * posts), with a live publishing quota of 10 per 24 h: more posts than the quota, so each account publishes 10
 * and its other 15 wait for a slot. Timed from launch until every post is published or waiting for quota; then,
 * from the sandbox's own record: posts published more than once, publishes the sandbox refused for the quota
 * (the client's record of the answers, summed over the instances), accounts with more than the quota in any
 * rolling 24 hours, and the shortest gap between two posts of one account. Both quota figures must be 0:
 * Switchboard reads the live quota and waits.
 */
@Tag("bench")
class CampaignBench {
    private static final int ACCOUNTS = Integer.getInteger("bench.campaign.accounts", 200);
    private static final int VIDEOS = Integer.getInteger("bench.campaign.videos", 25);
    private static final int QUOTA = Integer.getInteger("bench.campaign.quota", 10);
    private static final int INSTANCES = 3;
    /** What the campaign is planned with: the platform's usual quota, so the plan puts every post on one day. */
    private static final int PLANNED_DAILY_MAX = 50;
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
                first.bean(Connections.class).createSandboxAccounts(Platform.INSTAGRAM, ACCOUNTS, "bench", "bench",
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
                        new Assignment.EveryAccountEveryMedia(),
                        new Schedule(null, SPACING, null, null, PLANNED_DAILY_MAX), PostOptions.reels());
                Campaigns campaigns = first.bean(Campaigns.class);
                long started = System.nanoTime();
                long campaignId = campaigns.launch(spec, "bench");
                int expectedPublished = ACCOUNTS * Math.min(QUOTA, VIDEOS);
                while (!settled(campaigns.counts(campaignId), expectedPublished)) {
                    Thread.sleep(200);
                    if (System.nanoTime() - started > Duration.ofMinutes(30).toNanos()) {
                        throw new AssertionError("not settled in 30 minutes: " + campaigns.counts(campaignId));
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                report(first.bean(DSLContext.class), instances, campaigns.counts(campaignId), seconds);
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

    /** Every post that the quota lets out is published, every other one waits for a slot (none failed). */
    private static boolean settled(PostCounts counts, int expectedPublished) {
        if (counts.get(PostStatus.FAILED) > 0) {
            throw new AssertionError("posts failed: " + counts);
        }
        return counts.get(PostStatus.PUBLISHED) >= expectedPublished
                && counts.get(PostStatus.PUBLISHED) + counts.get(PostStatus.WAITING_QUOTA) == counts.total();
    }

    private static void report(DSLContext db, List<AppInstance> instances, PostCounts counts, double seconds) {
        int published = counts.get(PostStatus.PUBLISHED);
        // the sandbox's own record: every caption is unique to one post, so a caption twice is a post twice
        int onPlatform = db.fetchCount(SANDBOX_MEDIA);
        int distinctPosts = db.select(countDistinct(SANDBOX_MEDIA.ACCOUNT_ID, SANDBOX_MEDIA.CAPTION)).from(SANDBOX_MEDIA)
                .fetchSingle().value1();
        // accounts that at any publish had more than the quota within the 24 hours up to it
        int overQuota = db.fetchSingle("SELECT count(DISTINCT account_id) FROM (SELECT account_id, count(*) OVER ("
                + "PARTITION BY account_id ORDER BY published_at RANGE BETWEEN interval '24 hours' PRECEDING AND "
                + "CURRENT ROW) AS in_window FROM sandbox_media) w WHERE in_window > {0}", QUOTA).get(0, Integer.class);
        long refused = instances.stream().mapToLong(CampaignBench::quotaRefusals).sum();
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
                        + "quota_refusals=%d quota_violations=%d published=%d waiting_quota=%d on_platform=%d "
                        + "min_gap_s=%.2f spacing_s=%d accounts=%d quota=%d fsync=%s",
                counts.total(), INSTANCES, seconds, published / seconds, onPlatform - distinctPosts, refused, overQuota,
                published, counts.get(PostStatus.WAITING_QUOTA), onPlatform, minGap, SPACING.toSeconds(), ACCOUNTS,
                QUOTA, db.fetchValue("SHOW fsync")));
        if (onPlatform != distinctPosts || refused > 0 || overQuota > 0) {
            throw new AssertionError("published twice or over the quota: see the line above");
        }
    }

    /** Publishes this instance sent that the platform answered with "quota reached" (9/2207042). */
    private static long quotaRefusals(AppInstance instance) {
        return instance.bean(MeterRegistry.class).find("switchboard.platform.calls").tag("call", "media.publish")
                .tag("outcome", "quota_reached").timers().stream().mapToLong(Timer::count).sum();
    }
}
