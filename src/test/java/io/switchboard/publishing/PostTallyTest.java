package io.switchboard.publishing;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.CAMPAIGN_ACCOUNT_TALLY;
import static switchboard.jooq.Tables.CAMPAIGN_POST;
import static switchboard.jooq.Tables.CAMPAIGN_POST_TALLY;

/**
 * The campaigns' post counts, in all and by account, come from the tallies the database keeps with every change of a
 * post: they must equal a count of the posts themselves after inserts, status changes one by one and in bulk, from many connections at once,
 * deletes, and folding.
 */
class PostTallyTest {
    private static AppInstance app;
    private static DSLContext db;
    private static Campaigns campaigns;
    private static long launched;
    private static List<Long> ids;
    private static List<Long> accounts;

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase());
        db = app.bean(DSLContext.class);
        campaigns = app.bean(Campaigns.class);
        SignedIn.as("tally-setup", "ADMIN");
        try {
            PublishingFixture fixture = new PublishingFixture(app);
            accounts = fixture.accounts(3, "tally").stream().map(PublishingFixture.Connected::id).toList();
            var account = fixture.accounts(1, "tallyone").getFirst();
            long picture = fixture.images(1).getFirst();
            campaigns.launch(new CampaignSpec("Tally", List.of(account.id()), null, List.of(picture),
                    new CaptionStrategy.OwnCaption(), List.of(), new Assignment.EveryAccountEveryMedia(),
                    new Schedule(Instant.now().plus(Duration.ofDays(300)), Duration.ZERO, null, null, 10),
                    new PostOptions(PostType.IMAGE, false, null, 0)), "tally-setup");
        } finally {
            SignedIn.out();
        }
        long first = ((Number) db.fetchValue("SELECT min(id) FROM campaign")).longValue();
        launched = first;
        db.execute("INSERT INTO campaign (name, status, spec, post_type, created_by, created_at, first_at, last_at) "
                + "SELECT 'Copy ' || n, 'running', c.spec, c.post_type, 'test', now(), now(), now() "
                + "FROM generate_series(1, 3) n, (SELECT * FROM campaign WHERE id = " + first + ") c");
        db.execute("INSERT INTO campaign_post (campaign_id, number, account_id, media_ids, caption, scheduled_at, status) "
                + "SELECT c.id, n, (ARRAY" + accounts + "::bigint[])[1 + n % 3], ARRAY[1]::bigint[], 'Caption ' || n, "
                + "now() + make_interval(mins => n), "
                + "(ARRAY['scheduled', 'published', 'failed', 'paused'])[1 + n % 4] "
                + "FROM campaign c, generate_series(1, 400) n WHERE c.id > " + first);
        // the launched campaign's own post moves by itself (its tasks run): only the copies are compared
        ids = db.fetch("SELECT id FROM campaign WHERE id > " + first + " ORDER BY id").getValues(0, Long.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void countsEqualThePostsAfterEveryKindOfChange() throws Exception {
        assertCountsAreThePosts();
        // one by one, from eight connections at once: nobody waits for anybody's count, none is lost
        List<Long> postIds = db.fetch("SELECT id FROM campaign_post WHERE campaign_id > " + launched + " ORDER BY id")
                .getValues(0, Long.class);
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = thread; i < postIds.size(); i += 8) {
                        String status = List.of("publishing", "published", "failed", "cancelled").get(i % 4);
                        long postId = postIds.get(i);
                        db.transaction(tx -> tx.dsl().update(CAMPAIGN_POST).set(CAMPAIGN_POST.STATUS, status)
                                .where(CAMPAIGN_POST.ID.eq(postId)).execute());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertCountsAreThePosts();
        db.execute("UPDATE campaign_post SET status = 'paused' WHERE status = 'publishing' AND campaign_id > " + launched);
        db.execute("UPDATE campaign_post SET polls = polls + 1 WHERE campaign_id > " + launched);
        db.execute("DELETE FROM campaign_post WHERE number % 7 = 0 AND campaign_id > " + launched);
        assertCountsAreThePosts();
        // posts moved to another account are counted with it
        db.execute("UPDATE campaign_post SET account_id = " + accounts.getLast() + " WHERE number % 5 = 0 AND campaign_id > "
                + launched);
        assertCountsAreThePosts();
        var copies = CAMPAIGN_POST_TALLY.CAMPAIGN_ID.gt(launched);
        int before = db.fetchCount(CAMPAIGN_POST_TALLY, copies);
        app.bean(PostRepository.class).foldTallies();
        assertThat(db.fetchCount(CAMPAIGN_POST_TALLY, copies)).as("one row per campaign and status after folding")
                .isLessThan(before)
                .isEqualTo(((Number) db.fetchValue(
                        "SELECT count(*) FROM (SELECT DISTINCT campaign_id, status FROM campaign_post WHERE campaign_id > "
                                + launched + ") s")).intValue());
        var byAccount = CAMPAIGN_ACCOUNT_TALLY.CAMPAIGN_ID.gt(launched);
        assertThat(db.fetchCount(CAMPAIGN_ACCOUNT_TALLY, byAccount)).as("one row per campaign, account and status")
                .isEqualTo(((Number) db.fetchValue("SELECT count(*) FROM (SELECT DISTINCT campaign_id, account_id, status "
                        + "FROM campaign_post WHERE campaign_id > " + launched + ") s")).intValue());
        assertCountsAreThePosts();
    }

    private static void assertCountsAreThePosts() {
        Map<Long, Map<PostStatus, Integer>> counted = new HashMap<>();
        db.fetch("SELECT campaign_id, status, count(*)::int FROM campaign_post WHERE campaign_id > " + launched
                        + " GROUP BY campaign_id, status")
                .forEach(r -> counted.computeIfAbsent(r.get(0, Long.class), k -> new EnumMap<>(PostStatus.class))
                        .put(PostStatus.fromDb(r.get(1, String.class)), r.get(2, Integer.class)));
        Map<Long, PostCounts> tallied = campaigns.counts(ids);
        assertThat(tallied.keySet()).containsExactlyInAnyOrderElementsOf(counted.keySet());
        counted.forEach((campaign, byStatus) -> {
            assertThat(tallied.get(campaign).byStatus()).as("campaign %d", campaign).isEqualTo(byStatus);
            assertThat(campaigns.counts(campaign).byStatus()).isEqualTo(byStatus);
        });
        for (long campaign : ids) {
            Map<Long, Map<PostStatus, Integer>> byAccount = new HashMap<>();
            db.fetch("SELECT account_id, status, count(*)::int FROM campaign_post WHERE campaign_id = " + campaign
                            + " GROUP BY account_id, status")
                    .forEach(r -> byAccount.computeIfAbsent(r.get(0, Long.class), k -> new EnumMap<>(PostStatus.class))
                            .put(PostStatus.fromDb(r.get(1, String.class)), r.get(2, Integer.class)));
            Map<Long, Map<PostStatus, Integer>> byTally = new HashMap<>();
            campaigns.countsByAccount(campaign).forEach((account, counts) -> byTally.put(account, counts.byStatus()));
            assertThat(byTally).as("campaign %d by account", campaign).isEqualTo(byAccount);
        }
    }
}
