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

    @Test
    void calendarDayCountsEqualThePostsInEveryZoneAfterMovesStatusChangesDeletesAndFolding() {
        assertDaysAreThePosts();
        // moved by 10 minutes (across quarter hours, some across midnight in some zone), by 1 day, and back
        db.execute("UPDATE campaign_post SET scheduled_at = scheduled_at + interval '10 minutes' WHERE number % 3 = 0 "
                + "AND campaign_id > " + launched);
        db.execute("UPDATE campaign_post SET scheduled_at = scheduled_at + interval '1 day', status = 'cancelled' "
                + "WHERE number % 5 = 1 AND campaign_id > " + launched);
        assertDaysAreThePosts();
        db.execute("DELETE FROM campaign_post WHERE number % 11 = 0 AND campaign_id > " + launched);
        int before = db.fetchCount(switchboard.jooq.Tables.CAMPAIGN_POST_SLOT_TALLY);
        app.bean(PostSlots.class).fold();
        assertThat(db.fetchCount(switchboard.jooq.Tables.CAMPAIGN_POST_SLOT_TALLY)).as("folded").isLessThan(before);
        assertDaysAreThePosts();
    }

    @Test
    void overviewCountsTodaysPostsAndSumsUpTheFailedAndHeldOnesAsThePostsAre() {
        db.execute("UPDATE campaign_post SET account_id = (ARRAY" + accounts + "::bigint[])[1 + number % 3], "
                + "status_reason = CASE WHEN number % 8 < 4 "
                + "THEN 'Its proxy is down.' ELSE 'The token expired.' END WHERE campaign_id > " + launched);
        var overview = app.bean(PublishingOverview.class);
        var today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        Map<PostStatus, Integer> counted = new EnumMap<>(PostStatus.class);
        db.fetch("SELECT status, count(*)::int FROM campaign_post WHERE scheduled_at >= '" + today + "T00:00Z' "
                        + "AND scheduled_at < '" + today.plusDays(1) + "T00:00Z' GROUP BY status")
                .forEach(r -> counted.put(PostStatus.fromDb(r.get(0, String.class)), r.get(1, Integer.class)));
        assertThat(overview.today().byStatus()).isEqualTo(counted);

        assertTroubleIsThePosts();
        assertThat(overview.trouble(1).posts()).as("every group's posts, not only the one listed")
                .isEqualTo(overview.trouble(50).posts());

        // failed posts on both sides of the 7-day window's start, inside its first hour and outside it
        db.execute("UPDATE campaign_post SET updated_at = now() - interval '7 days' + make_interval(mins => "
                + "(ARRAY[-130, -20, -1, 20, 50])[1 + number % 5]) WHERE status = 'failed' AND number % 3 = 0 "
                + "AND campaign_id > " + launched);
        assertTroubleIsThePosts();
        // posts fail, get held, recover and change reason, one by one and in bulk; a campaign is cancelled
        db.execute("UPDATE campaign_post SET status = 'published', updated_at = now() WHERE status = 'failed' "
                + "AND number % 5 = 0 AND campaign_id > " + launched);
        db.execute("UPDATE campaign_post SET status = 'paused', status_reason = 'The account needs reconnecting.', "
                + "updated_at = now() WHERE status = 'scheduled' AND number % 3 = 1 AND campaign_id > " + launched);
        long onePost = ((Number) db.fetchValue("SELECT min(id) FROM campaign_post WHERE status = 'scheduled' "
                + "AND campaign_id > " + launched)).longValue();
        app.bean(PostRepository.class).status(onePost, PostStatus.FAILED, "The platform timed out.");
        db.execute("UPDATE campaign_post SET status_reason = NULL WHERE status = 'paused' AND number % 7 = 2 "
                + "AND campaign_id > " + launched);
        db.execute("UPDATE campaign SET status = 'cancelled' WHERE id = " + ids.get(1));
        db.execute("DELETE FROM campaign_post WHERE number % 13 = 0 AND campaign_id > " + launched);
        assertTroubleIsThePosts();
        int before = db.fetchCount(switchboard.jooq.Tables.CAMPAIGN_POST_TROUBLE_TALLY);
        app.bean(PostSummaries.class).foldTrouble();
        assertThat(db.fetchCount(switchboard.jooq.Tables.CAMPAIGN_POST_TROUBLE_TALLY)).as("folded").isLessThan(before);
        assertTroubleIsThePosts();

        // the page says the same as the posts, after another change
        db.execute("UPDATE campaign_post SET status = 'failed', status_reason = 'The platform refused the caption.', "
                + "updated_at = now() WHERE status = 'scheduled' AND campaign_id = " + ids.getLast());
        int posts = troublePosts();
        var page = io.switchboard.testing.Operators.admin(app).get(app.url("/")).body();
        assertThat(page).contains("id=\"trouble-posts\">" + String.format(java.util.Locale.ROOT, "%,d", posts) + "<").contains("The platform refused the caption.");
        db.execute("UPDATE campaign_post SET status = 'published' WHERE status = 'failed' AND campaign_id = "
                + ids.getLast());
        assertThat(io.switchboard.testing.Operators.admin(app).get(app.url("/")).body())
                .contains("id=\"trouble-posts\">" + String.format(java.util.Locale.ROOT, "%,d",
                        troublePosts()) + "<").doesNotContain("The platform refused the caption.");
    }

    /** The failed and held posts as the Overview groups them, counted from the posts themselves. */
    private static org.jooq.Result<org.jooq.Record> troubleGroups() {
        return db.fetch("SELECT p.campaign_id, p.status, coalesce(p.status_reason, ''), count(*)::int, "
                + "count(DISTINCT p.account_id)::int, date_bin('1 hour', max(p.updated_at), '2000-01-01Z') "
                + "FROM campaign_post p JOIN campaign c ON c.id = p.campaign_id "
                + "WHERE (p.status = 'paused' OR (p.status = 'failed' AND p.updated_at > now() - interval '7 days')) "
                + "AND c.status <> 'cancelled' GROUP BY p.campaign_id, p.status, p.status_reason "
                + "ORDER BY 6 DESC, 4 DESC, 1, 2, 3");
    }

    private static int troublePosts() {
        return troubleGroups().stream().mapToInt(r -> r.get(3, Integer.class)).sum();
    }

    /** Every group, its posts and accounts, in the Overview's order, and the total of all groups. */
    private static void assertTroubleIsThePosts() {
        var groups = troubleGroups();
        assertThat(groups).as("failed and held posts in several groups").hasSizeGreaterThan(2);
        var troubles = app.bean(PublishingOverview.class).trouble(50);
        assertThat(troubles.groups()).extracting(t -> t.campaignId() + " " + t.status().dbValue() + " " + t.reason() + " "
                        + t.posts() + " " + t.accounts())
                .containsExactlyElementsOf(groups.map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2) + " "
                        + r.get(3) + " " + r.get(4)));
        assertThat(troubles.posts()).isEqualTo(troublePosts());
    }

    /**
     * A failed post's reason is a key of the troubled posts' index (V190), whose entries have a size limit: a long
     * platform message of emoji, which neither fits nor compresses, is stored cut (never split inside a character) and
     * the post fails as it should, rather than the update failing.
     */
    @Test
    void aLongMultiByteReasonIsStoredCutAndTheFailedPostGroupedWithIt() {
        long postId = ((Number) db.fetchValue("SELECT min(id) FROM campaign_post WHERE campaign_id > " + launched))
                .longValue();
        var random = new java.util.Random(7);
        StringBuilder message = new StringBuilder("The platform said: ");
        while (message.length() < 10_000) {
            message.appendCodePoint(0x1F300 + random.nextInt(0x300));
        }
        app.bean(PostRepository.class).status(postId, PostStatus.FAILED, message.toString());

        String stored = (String) db.fetchValue("SELECT status_reason FROM campaign_post WHERE id = " + postId);
        assertThat(stored.codePointCount(0, stored.length())).isEqualTo(PostRepository.REASON_CHARS);
        assertThat(stored).endsWith("…").startsWith(message.substring(0, message.offsetByCodePoints(0, 599)));
        assertThat(((Number) db.fetchValue("SELECT octet_length(status_reason) FROM campaign_post WHERE id = " + postId))
                .intValue()).as("bytes, nearly all of them 4 a character").isGreaterThan(2_000);
        assertThat(app.bean(PublishingOverview.class).trouble(1_000).groups())
                .anySatisfy(group -> assertThat(group.reason()).isEqualTo(stored));
    }

    /**
     * Every day's count as the calendar shows it, in zones a quarter, half and whole hours from UTC, by state too, and
     * filtered to two accounts (counted and numbered per day in one statement): then each day shows its earliest posts.
     */
    private static void assertDaysAreThePosts() {
        var calendar = app.bean(PostCalendar.class);
        for (String zone : List.of("UTC", "Asia/Kathmandu", "Asia/Kolkata", "America/New_York")) {
            for (var states : List.of(java.util.Set.<PostStatus>of(), java.util.Set.of(PostStatus.FAILED, PostStatus.PAUSED))) {
                for (List<Long> only : java.util.Arrays.<List<Long>>asList(null, accounts.subList(0, 2))) {
                    java.time.ZoneId z = java.time.ZoneId.of(zone);
                    java.time.LocalDate first = java.time.LocalDate.now(z).minusDays(1);
                    var days = calendar.days(new PostCalendar.Query(first.atStartOfDay(z).toInstant(),
                            first.plusDays(5).atStartOfDay(z).toInstant(), z, only, null, null, states, 3));
                    String where = "WHERE scheduled_at >= '" + first.atStartOfDay(z).toOffsetDateTime() + "' "
                            + "AND scheduled_at < '" + first.plusDays(5).atStartOfDay(z).toOffsetDateTime() + "'"
                            + (states.isEmpty() ? "" : " AND status IN ('failed', 'paused')")
                            + (only == null ? "" : " AND account_id IN (" + only.get(0) + ", " + only.get(1) + ")");
                    Map<java.time.LocalDate, Integer> shown = new HashMap<>();
                    Map<java.time.LocalDate, List<Long>> firstShown = new HashMap<>();
                    days.forEach((day, d) -> {
                        shown.put(day, d.total());
                        firstShown.put(day, d.posts().stream().map(CalendarPost::id).toList());
                    });
                    Map<java.time.LocalDate, Integer> counted = new HashMap<>();
                    Map<java.time.LocalDate, List<Long>> earliest = new HashMap<>();
                    db.fetch("SELECT (scheduled_at AT TIME ZONE '" + zone + "')::date, count(*)::int, "
                                    + "(array_agg(id ORDER BY scheduled_at, id))[1:3] FROM campaign_post " + where + " GROUP BY 1")
                            .forEach(r -> {
                                counted.put(r.get(0, java.time.LocalDate.class), r.get(1, Integer.class));
                                earliest.put(r.get(0, java.time.LocalDate.class), List.of(r.get(2, Long[].class)));
                            });
                    assertThat(counted).as("posts counted").isNotEmpty();
                    assertThat(shown).as("the calendar's days in %s, states %s, accounts %s", zone, states, only)
                            .isEqualTo(counted);
                    assertThat(firstShown).as("each day's first posts in %s, states %s, accounts %s", zone, states, only)
                            .isEqualTo(earliest);
                }
            }
        }
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
