package io.switchboard.insights;

import io.switchboard.accounts.AccountStatus;
import io.switchboard.accounts.Accounts;
import io.switchboard.instagram.graph.GraphResult;
import io.switchboard.instagram.graph.InstagramGraph;
import io.switchboard.platform.Credentials;
import io.switchboard.publishing.CampaignStatus;
import io.switchboard.publishing.Campaigns;
import io.switchboard.publishing.PostOptions;
import io.switchboard.publishing.PostType;
import io.switchboard.publishing.PublishingActivity;
import io.switchboard.publishing.PublishingFixture;
import io.switchboard.publishing.Schedule;
import io.switchboard.sandbox.SandboxControl;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import testsupport.SignedIn;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.INSIGHT_ACCOUNT;
import static switchboard.jooq.Tables.INSIGHT_ACCOUNT_DAY;
import static switchboard.jooq.Tables.INSIGHT_POST;
import static switchboard.jooq.Tables.INSIGHT_POST_SAMPLE;
import static testsupport.TaskWaits.eventually;

/**
 * Insights collected through the real engine from the Instagram sandbox over HTTP: posts published by a campaign get
 * their decaying schedule, their metrics grow between collections, the account's day is kept, an account without the
 * insights permission is skipped (and token health says what to do), the platform's hold-off and publishing both make
 * a collection wait, and media the platform keeps no insights for ends its schedule.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InsightsTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static AppInstance app;
    private static DSLContext db;
    private static PublishingFixture.Connected granted;
    private static PublishingFixture.Connected withoutInsights;
    private static long campaignId;

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase(), List.of(),
                "switchboard.tasks.poll-interval=200ms", "switchboard.tasks.promote-interval=50ms",
                "switchboard.publishing.poll-first=300ms", "switchboard.publishing.poll-max=1s",
                "switchboard.insights.sweep-interval=1h");
        db = app.bean(DSLContext.class);
        SignedIn.as("insights-test", "OPERATOR");
        SandboxControl.settings(app, Duration.ZERO, Duration.ofMillis(300), 50);
        granted = connect(SandboxControl.account(app, "ins"));
        withoutInsights = connect(SandboxControl.accountWithoutInsights(app, "noins"));
        var fixture = new PublishingFixture(app);
        var media = fixture.images(1);
        Campaigns campaigns = app.bean(Campaigns.class);
        campaignId = campaigns.launch(PublishingFixture.imageCampaign("Insights", List.of(granted, withoutInsights),
                media), "insights-test");
        eventually(WAIT, () -> assertThat(campaigns.find(campaignId).orElseThrow().status())
                .isEqualTo(CampaignStatus.FINISHED));
        eventually(WAIT, () -> assertThat(db.fetchCount(INSIGHT_POST, INSIGHT_POST.CAMPAIGN_ID.eq(campaignId))).isEqualTo(2));
    }

    @AfterAll
    static void stop() {
        SignedIn.out();
        app.close();
    }

    private static PublishingFixture.Connected connect(Credentials credentials) {
        long id = SandboxControl.connect(app, credentials.accessToken(), "insights");
        return new PublishingFixture.Connected(id, credentials.platformUserId());
    }

    @Test
    @Order(1)
    void a_published_post_is_collected_on_a_decaying_schedule_and_its_metrics_grow() {
        var post = db.selectFrom(INSIGHT_POST).where(INSIGHT_POST.ACCOUNT_ID.eq(granted.id())).fetchSingle();
        assertThat(post.getNextAt()).isEqualTo(post.getPublishedAt().plusHours(1));
        assertThat(post.getPostType()).isEqualTo("IMAGE");

        age(granted, Duration.ofHours(5));
        collectNow(granted.id());
        awaitDone(granted.id());
        assertThat(samples(granted.id())).isEqualTo(1);
        var first = db.selectFrom(INSIGHT_POST).where(INSIGHT_POST.ACCOUNT_ID.eq(granted.id())).fetchSingle();
        assertThat(first.getReach()).isPositive();
        assertThat(first.getViews()).isGreaterThanOrEqualTo(first.getReach());
        assertThat(first.getNextAt()).as("the next reading follows the schedule, not the clock of the last one")
                .isEqualTo(first.getPublishedAt().plusHours(6));
        eventually(WAIT, () -> assertThat(db.fetchCount(INSIGHT_ACCOUNT_DAY,
                INSIGHT_ACCOUNT_DAY.ACCOUNT_ID.eq(granted.id()))).isEqualTo(1));
        assertThat(db.selectFrom(INSIGHT_ACCOUNT_DAY).where(INSIGHT_ACCOUNT_DAY.ACCOUNT_ID.eq(granted.id()))
                .fetchSingle().getFollowers()).isPositive();
        Demographics demographics = app.bean(Insights.class).demographics(granted.id());
        assertThat(demographics.note()).isNull();
        assertThat(demographics.readAt()).isNotNull();
        assertThat(demographics.parts()).extracting(Demographics.Part::breakdown)
                .containsExactly(Breakdown.AGE, Breakdown.GENDER, Breakdown.COUNTRY, Breakdown.CITY);
        assertThat(demographics.parts().get(1).groups()).as("the platform's split, in operators' words")
                .extracting(Demographics.Group::label, Demographics.Group::followers)
                .containsExactlyInAnyOrderElementsOf(SandboxControl.demographics(app, granted.platformUserId(), "gender")
                        .entrySet().stream().map(e -> org.assertj.core.groups.Tuple.tuple(
                                DemographicGroups.words(Breakdown.GENDER, e.getKey()), e.getValue())).toList());
        assertThat(demographics.parts().get(2).groups().getFirst().label()).matches(".+ \\([A-Z]{2}\\)");

        age(granted, Duration.ofDays(3));
        collectNow(granted.id());
        awaitDone(granted.id());
        assertThat(samples(granted.id())).isEqualTo(2);
        var later = db.selectFrom(INSIGHT_POST).where(INSIGHT_POST.ACCOUNT_ID.eq(granted.id())).fetchSingle();
        assertThat(later.getReach()).isGreaterThan(first.getReach());
        assertThat(later.getCollections()).isEqualTo(2);

        CampaignResults results = app.bean(Insights.class).campaign(campaignId);
        assertThat(results.totals().reach()).isEqualTo(later.getReach());
        assertThat(results.accounts()).extracting(AccountRow::accountId).contains(granted.id());
        assertThat(results.best()).extracting(PostResult::postId).containsExactly(later.getPostId());
    }

    @Test
    @Order(2)
    void an_account_without_the_insights_permission_is_skipped_and_token_health_says_what_to_do() {
        collectNow(withoutInsights.id());
        awaitDone(withoutInsights.id());
        assertThat(db.select(INSIGHT_ACCOUNT.PROBLEM).from(INSIGHT_ACCOUNT)
                .where(INSIGHT_ACCOUNT.ACCOUNT_ID.eq(withoutInsights.id())).fetchSingle().value1())
                .contains("instagram_business_manage_insights").contains("Connect it again");
        var post = db.selectFrom(INSIGHT_POST).where(INSIGHT_POST.ACCOUNT_ID.eq(withoutInsights.id())).fetchSingle();
        assertThat(post.getCollections()).isZero();
        assertThat(post.getNextAt()).as("skipped for a day, not failed").isAfter(java.time.OffsetDateTime.now().plusHours(23));
        assertThat(taskState(withoutInsights.id())).isEqualTo("succeeded");

        Accounts accounts = app.bean(Accounts.class);
        accounts.checkHealth(List.of(withoutInsights.id()));
        eventually(WAIT, () -> assertThat(accounts.find(withoutInsights.id()).orElseThrow().healthMessage())
                .contains("lacks instagram_business_manage_insights")
                .contains("connect the account again and allow it"));
        assertThat(accounts.find(withoutInsights.id()).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
        accounts.checkHealth(List.of(granted.id()));
        eventually(WAIT, () -> assertThat(accounts.find(granted.id()).orElseThrow().healthMessage())
                .startsWith("Token valid").doesNotContain("lacks"));
    }

    @Test
    @Order(3)
    void a_collection_waits_while_the_platform_asks_to_hold_off() {
        SandboxControl.usage(app, granted.platformUserId(), 100, 10);
        try {
            collectNow(granted.id());
            eventually(WAIT, () -> assertThat(taskState(granted.id())).isEqualTo("scheduled"));
            assertThat(runAt(granted.id())).isAfter(Instant.now().plusSeconds(60));
            assertThat(samples(granted.id())).isEqualTo(2);
        } finally {
            SandboxControl.clearFaults(app);
            db.execute("DELETE FROM task WHERE unique_key = {0}", "insights:account:" + granted.id());
            db.execute("DELETE FROM platform_hold");
        }
    }

    @Test
    @Order(4)
    void a_collection_makes_way_for_a_post_about_to_go_out() {
        var fixture = new PublishingFixture(app);
        Campaigns campaigns = app.bean(Campaigns.class);
        long soon = campaigns.launch(PublishingFixture.campaign("Soon", List.of(granted), fixture.images(1),
                new PostOptions(PostType.IMAGE, false, null, 0),
                new Schedule(Instant.now().plusSeconds(100), Duration.ZERO, null, null, 50)), "insights-test");
        try {
            assertThat(app.bean(PublishingActivity.class).busy(granted.id(), Duration.ofMinutes(2))).isTrue();
            collectNow(granted.id());
            eventually(WAIT, () -> assertThat(taskState(granted.id())).isEqualTo("scheduled"));
            assertThat(samples(granted.id())).isEqualTo(2);
        } finally {
            campaigns.cancelRest(soon, "insights-test");
            db.execute("DELETE FROM task WHERE unique_key = {0}", "insights:account:" + granted.id());
        }
        assertThat(app.bean(PublishingActivity.class).busy(granted.id(), Duration.ofMinutes(2))).isFalse();
    }

    @Test
    @Order(5)
    void the_sandbox_refuses_the_metrics_removed_in_2025() {
        Credentials credentials = app.bean(Accounts.class).credentials(granted.id());
        String mediaId = db.select(INSIGHT_POST.MEDIA_ID).from(INSIGHT_POST)
                .where(INSIGHT_POST.ACCOUNT_ID.eq(granted.id())).fetchSingle().value1();
        var graph = app.bean(InstagramGraph.class);
        assertThat(graph.mediaInsights(credentials, mediaId, List.of("impressions"))).isInstanceOf(GraphResult.Failed.class);
        assertThat(graph.mediaInsights(credentials, mediaId, List.of("views", "reach"))).isInstanceOf(GraphResult.Ok.class);
    }

    @Test
    @Order(6)
    void media_older_than_the_platform_keeps_insights_for_ends_its_schedule() {
        age(granted, Duration.ofDays(800));
        collectNow(granted.id());
        awaitDone(granted.id());
        var post = db.select(INSIGHT_POST.NEXT_AT, INSIGHT_POST.PROBLEM).from(INSIGHT_POST)
                .where(INSIGHT_POST.ACCOUNT_ID.eq(granted.id())).fetchSingle();
        assertThat(post.value1()).isNull();
        assertThat(post.value2()).contains("2 years");
        assertThat(samples(granted.id())).isEqualTo(2);
    }

    @Test
    @Order(7)
    void an_account_under_100_followers_gets_no_demographics_and_its_day_is_still_read() {
        Credentials credentials = SandboxControl.account(app, "small");
        SandboxControl.followers(app, credentials.platformUserId(), 40);
        var small = connect(credentials);
        db.execute("INSERT INTO insight_account (account_id, platform, next_at) VALUES ({0}, 'INSTAGRAM', now())",
                small.id());
        collectNow(small.id());
        awaitDone(small.id());
        Demographics demographics = app.bean(Insights.class).demographics(small.id());
        assertThat(demographics.parts()).isEmpty();
        assertThat(demographics.note()).startsWith("No follower demographics").contains("100 followers");
        assertThat(db.fetchCount(INSIGHT_ACCOUNT_DAY, INSIGHT_ACCOUNT_DAY.ACCOUNT_ID.eq(small.id())))
                .as("the day's metrics are kept all the same").isEqualTo(1);
        assertThat(db.select(INSIGHT_ACCOUNT.PROBLEM).from(INSIGHT_ACCOUNT)
                .where(INSIGHT_ACCOUNT.ACCOUNT_ID.eq(small.id())).fetchSingle().value1()).isNull();
    }

    @Test
    @Order(8)
    void the_sandbox_answers_demographics_only_as_meta_documents_them() {
        Credentials credentials = app.bean(Accounts.class).credentials(granted.id());
        var graph = app.bean(InstagramGraph.class);
        var ok = graph.followerDemographics(credentials, "age", "this_month");
        assertThat(ok).isInstanceOf(GraphResult.Ok.class);
        assertThat(((GraphResult.Ok<java.util.Map<String, Long>>) ok).value())
                .isEqualTo(SandboxControl.demographics(app, granted.platformUserId(), "age"));
        assertThat(graph.followerDemographics(credentials, "age", "last_90_days")).isInstanceOf(GraphResult.Failed.class);
        assertThat(graph.followerDemographics(credentials, "language", "this_month")).isInstanceOf(GraphResult.Failed.class);
        Credentials noInsights = app.bean(Accounts.class).credentials(withoutInsights.id());
        assertThat(graph.followerDemographics(noInsights, "age", "this_month")).isInstanceOfSatisfying(
                GraphResult.Failed.class, f -> assertThat(f.problem()).isInstanceOf(
                        io.switchboard.instagram.graph.GraphProblem.PermissionMissing.class));
    }

    @Test
    @Order(9)
    void the_daily_roll_up_always_equals_the_posts_it_adds_up() {
        String byDay = "SELECT (published_at AT TIME ZONE 'UTC')::date AS day, count(*) AS posts, sum(views) AS views, "
                + "sum(reach) AS reach, sum(interactions) AS interactions, sum(likes) AS likes, sum(comments) AS comments, "
                + "sum(shares) AS shares, sum(saved) AS saved FROM insight_post GROUP BY 1";
        String rollUp = "SELECT day, sum(posts), sum(views), sum(reach), sum(interactions), sum(likes), sum(comments), "
                + "sum(shares), sum(saved) FROM insight_day GROUP BY day HAVING sum(posts) <> 0";
        // readings (updates), published times moved by days (a post changing its day), a new post and a removed one
        db.execute("INSERT INTO insight_post (post_id, account_id, campaign_id, platform, media_id, post_type, published_at, "
                + "collections, views, reach, interactions) VALUES (77000001, {0}, 1, 'INSTAGRAM', 'x', 'IMAGE', now() - "
                + "interval '3 days', 1, 40, 30, 3)", granted.id());
        db.execute("UPDATE insight_post SET reach = reach + 7, views = views + 9 WHERE post_id = 77000001");
        db.execute("DELETE FROM insight_post WHERE post_id = 77000001");
        assertThat(db.fetch(rollUp).intoSet(r -> r.intoList().toString()))
                .as("every insert, reading, move and removal so far is in the roll-up, nothing else")
                .isEqualTo(db.fetch(byDay).intoSet(r -> r.intoList().toString()));

        // two accounts' posts published today in transactions open at once: the second never waits for the first's
        // commit (before V205 both added to today's one row, and the second waited)
        String insert = "INSERT INTO insight_post (post_id, account_id, campaign_id, platform, media_id, post_type, "
                + "published_at) VALUES (%d, %d, 1, 'INSTAGRAM', 'x', 'IMAGE', now())";
        javax.sql.DataSource pool = app.bean(javax.sql.DataSource.class);
        try (java.sql.Connection first = pool.getConnection(); java.sql.Connection second = pool.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            first.createStatement().execute(insert.formatted(77000002L, granted.id()));
            second.createStatement().execute("SET LOCAL lock_timeout = '2s'");
            second.createStatement().execute(insert.formatted(77000003L, withoutInsights.id()));
            second.commit();
            first.commit();
        } catch (java.sql.SQLException e) {
            throw new AssertionError("a published post waited for another's transaction", e);
        }
        // folded: a row per day, the same sums
        assertThat(db.fetchSingle("SELECT count(*) > count(DISTINCT day) FROM insight_day").get(0, Boolean.class))
                .isTrue();
        app.bean(DayFolding.class).fold();
        assertThat(db.fetchSingle("SELECT count(*) = count(DISTINCT day) FROM insight_day").get(0, Boolean.class))
                .isTrue();
        assertThat(db.fetch(rollUp).intoSet(r -> r.intoList().toString())).as("folding changes no day's sums")
                .isEqualTo(db.fetch(byDay).intoSet(r -> r.intoList().toString()));
        db.execute("DELETE FROM insight_post WHERE post_id IN (77000002, 77000003)");
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        var every = app.bean(Insights.class).report(new ReportFilter(null, today.minusDays(366), today));
        String inRange = " FROM insight_post WHERE published_at >= current_date - 366";
        assertThat(every.totals().reach()).isEqualTo(db.fetchSingle("SELECT coalesce(sum(reach), 0)" + inRange)
                .get(0, Long.class));
        assertThat(every.totals().posts()).isEqualTo(db.fetchSingle("SELECT count(*)" + inRange).get(0, Long.class));
    }

    @Test
    @Order(10)
    void a_report_ranks_accounts_from_the_per_account_roll_up_exactly_as_from_the_posts() {
        java.time.LocalDate from = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(20);
        java.time.LocalDate to = from.plusDays(9);
        List<Long> accounts = List.of(88_000_001L, 88_000_002L, 88_000_003L);
        // posts on both sides of each edge of the range (the last instant before it, its first, its last, the next day)
        String[] at = {from + "T00:00:00Z", from.minusDays(1) + "T23:59:59.999Z", to + "T23:59:59.999Z",
                to.plusDays(1) + "T00:00:00Z", from.plusDays(4) + "T12:00:00Z", from.plusDays(4) + "T18:30:00Z"};
        long post = 88_100_000L;
        for (long account : accounts) {
            for (String time : at) {
                post++;
                db.execute("INSERT INTO insight_post (post_id, account_id, campaign_id, platform, media_id, post_type, "
                        + "published_at, collections, views, reach, interactions, likes) VALUES ({0}, {1}, 1, 'INSTAGRAM', "
                        + "'x', 'IMAGE', {2}::timestamptz, 1, {3}, {4}, {5}, {5})", post, account, time, post % 97 * 3,
                        post % 89 * 5 + account % 7, post % 13);
            }
        }
        // readings replacing earlier ones, one post at a time and several accounts' posts in one statement
        for (int reading = 1; reading <= 3; reading++) {
            db.execute("UPDATE insight_post SET reach = reach + {0}, views = views + 2 * {0}, interactions = interactions "
                    + "+ 1, collections = collections + 1 WHERE post_id = 88100005", reading * 100);
        }
        db.execute("UPDATE insight_post SET reach = reach * 3, likes = likes + 4 WHERE account_id IN (88000002, 88000003) "
                + "AND post_id % 2 = 0");
        // a post moved across the range's start, one moved to another account, one removed
        db.execute("UPDATE insight_post SET published_at = published_at - interval '1 second' WHERE post_id = 88100001");
        db.execute("UPDATE insight_post SET account_id = 88000001 WHERE post_id = 88100011");
        db.execute("DELETE FROM insight_post WHERE post_id = 88100015");
        // an account whose only post of the range left (its zero row stays in the roll-up), two that tie on reach
        String one = "INSERT INTO insight_post (post_id, account_id, campaign_id, platform, media_id, post_type, "
                + "published_at, collections, views, reach, interactions) VALUES ({0}, {1}, 1, 'INSTAGRAM', 'x', 'IMAGE', "
                + "{2}::timestamptz, 1, 10, {3}, 2)";
        db.execute(one, 88_100_101L, 88_000_004L, from.plusDays(2) + "T08:00:00Z", 5000);
        db.execute("DELETE FROM insight_post WHERE post_id = 88100101");
        db.execute(one, 88_100_102L, 88_000_005L, from.plusDays(3) + "T08:00:00Z", 777);
        db.execute(one, 88_100_103L, 88_000_006L, from.plusDays(5) + "T08:00:00Z", 777);
        List<Long> more = List.of(88_000_001L, 88_000_002L, 88_000_003L, 88_000_004L, 88_000_005L, 88_000_006L);
        assertThat(db.fetchCount(db.selectFrom("insight_account_post_day").where("account_id = 88000004 AND posts = 0")))
                .as("the zero row the ranking must skip").isEqualTo(1);

        Results results = app.bean(Results.class);
        for (List<Long> ids : java.util.Arrays.asList(accounts, List.of(88_000_002L), more, null)) {
            String where = " WHERE published_at >= {0}::date AT TIME ZONE 'UTC' AND published_at < ({1}::date + 1) AT "
                    + "TIME ZONE 'UTC'" + (ids == null ? "" : " AND account_id IN (" + ids.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(", ")) + ")");
            // every account's report reads either the days inside it or the totals less the days outside it
            var readings = ids == null ? List.of(Results.Reading.values()) : List.of(Results.Reading.DAYS_INSIDE);
            for (int limit : new int[]{50, 4, 1}) { // the top N only: the count is still of every account
                for (Results.Reading reading : readings) {
                    Results.Ranking rolledUp = results.reportAccounts(ids, from, to, limit, reading);
                    assertThat(ranking(rolledUp)).as("ranking of %s, top %s, %s", ids, limit, reading).isEqualTo(
                            db.fetch("SELECT account_id, " + SUMS + " FROM insight_post" + where + " GROUP BY 1 ORDER BY "
                                    + "sum(reach) DESC, 1 LIMIT " + limit, from, to).map(InsightsTest::group));
                    assertThat(rolledUp.accountCount()).as("count of %s, %s", ids, reading).isEqualTo(db.fetchSingle(
                            "SELECT count(DISTINCT account_id) FROM insight_post" + where, from, to).get(0, Integer.class));
                }
            }
            assertThat(results.top(ids, from, to, 3)).extracting(Results.Row::postId).as("top posts of %s", ids)
                    .containsExactlyElementsOf(db.fetch("SELECT post_id FROM insight_post" + where + " AND collections > 0 "
                            + "ORDER BY reach DESC, post_id DESC LIMIT 3", from, to).getValues(0, Long.class));
            Results.Summary days = results.summaryOfReport(ids, from, to);
            assertThat(days.days().stream().map(d -> d.day() + "=" + List.of(d.posts(), d.views(), d.reach(),
                    d.interactions())).toList()).as("days of %s", ids).isEqualTo(db.fetch("SELECT (published_at AT TIME "
                    + "ZONE 'UTC')::date, count(*), sum(views), sum(reach), sum(interactions) FROM insight_post" + where
                    + " GROUP BY 1 ORDER BY 1", from, to).map(r -> r.get(0) + "=" + List.of(r.get(1, Long.class),
                    r.get(2, Long.class), r.get(3, Long.class), r.get(4, Long.class))));
            assertThat(days.totals().toString()).isEqualTo(group(db.fetchSingle("SELECT 0, " + SUMS + " FROM insight_post"
                    + where, from, to)).substring(2));
        }
        Results.Ranking ours = results.reportAccounts(accounts, from, to, 50);
        assertThat(ours.accountCount()).isEqualTo(3);
        assertThat(ours.top().values().stream().mapToLong(Totals::posts).sum())
                .as("two posts of each account on the range's first and last instants and two inside it; one removed, "
                        + "one moved out").isEqualTo(3 * 4 - 1 - 1);
        String byAccountDay = "SELECT account_id, (published_at AT TIME ZONE 'UTC')::date, count(*), sum(views), sum(reach), "
                + "sum(interactions), sum(likes), sum(comments), sum(shares), sum(saved) FROM insight_post GROUP BY 1, 2";
        String rollUp = "SELECT account_id, day, posts, views, reach, interactions, likes, comments, shares, saved "
                + "FROM insight_account_post_day WHERE posts <> 0";
        assertThat(db.fetch(rollUp).intoSet(r -> r.intoList().toString()))
                .as("the roll-up holds every account's day as the posts add it up, nothing else")
                .isEqualTo(db.fetch(byAccountDay).intoSet(r -> r.intoList().toString()));
        assertThat(db.fetch("SELECT account_id, posts, reach FROM insight_account_post_total WHERE posts <> 0 OR reach <> 0")
                .intoSet(r -> r.intoList().toString()))
                .as("every account's total is its posts added up, after readings, moves, a move to another account and "
                        + "removals").isEqualTo(db.fetch("SELECT account_id, count(*), sum(reach) FROM insight_post GROUP BY 1")
                        .intoSet(r -> r.intoList().toString()));
    }

    @Test
    @Order(11)
    void a_campaigns_results_add_up_in_one_pass_exactly_as_grouping_its_posts_each_way() {
        long campaign = 88_200_000L;
        for (int i = 0; i < 40; i++) {
            db.execute("INSERT INTO insight_post (post_id, account_id, campaign_id, platform, media_id, post_type, caption, "
                    + "published_at, collections, views, reach, interactions) VALUES ({0}, {1}, {2}, 'INSTAGRAM', 'x', {3}, "
                    + "{4}, now() - {5} * interval '5 hours', 1, {6}, {7}, {8})", campaign + i, 88_000_010L + i % 4,
                    campaign, i % 3 == 0 ? "REELS" : "IMAGE", "Variant " + (i % 2), i, i * 7, 1000 - i * 13 % 500, i % 11);
        }
        db.execute("UPDATE insight_post SET reach = reach + 5000 WHERE post_id = {0}", campaign + 7);
        // not read yet: counted in the totals, never among the best or weakest posts (its reach 0 is the least)
        db.execute("INSERT INTO insight_post (post_id, account_id, campaign_id, platform, media_id, post_type, caption, "
                + "published_at) VALUES ({0}, {1}, {2}, 'INSTAGRAM', 'x', 'IMAGE', '', now())", campaign + 40, 88_000_010L,
                campaign);
        CampaignResults results = app.bean(Insights.class).campaign(campaign);
        String where = " FROM insight_post WHERE campaign_id = " + campaign;
        assertThat(results.totals().toString()).isEqualTo(group(db.fetchSingle("SELECT 0, " + SUMS + where)).substring(2));
        assertThat(results.accountCount()).isEqualTo(4);
        assertThat(results.accounts().stream().map(a -> a.accountId() + "=" + a.totals()).toList()).isEqualTo(
                db.fetch("SELECT account_id, " + SUMS + where + " GROUP BY 1 ORDER BY sum(reach) DESC, 1").map(InsightsTest::group));
        assertThat(results.days().stream().map(d -> d.day() + "=" + d.reach()).toList()).isEqualTo(db.fetch(
                "SELECT (published_at AT TIME ZONE 'UTC')::date, sum(reach)" + where + " GROUP BY 1 ORDER BY 1")
                .map(r -> r.get(0) + "=" + r.get(1, Long.class)));
        String read = where + " AND collections > 0 ORDER BY reach";
        assertThat(results.best()).extracting(PostResult::postId).containsExactlyElementsOf(
                db.fetch("SELECT post_id" + read + " DESC, post_id DESC LIMIT 3").getValues(0, Long.class));
        assertThat(results.worst()).extracting(PostResult::postId).containsExactlyElementsOf(
                db.fetch("SELECT post_id" + read + ", post_id DESC LIMIT 3").getValues(0, Long.class));
        assertThat(results.best().getFirst().postId()).isEqualTo(campaign + 7);
        PostResult best = results.best().getFirst();
        assertThat(List.of(best.campaignId(), best.accountId(), best.metrics().reach(), best.metrics().views(),
                (long) best.collections())).isEqualTo(db.fetchSingle("SELECT campaign_id, account_id, reach, views, "
                + "collections::bigint FROM insight_post WHERE post_id = {0}", best.postId()).intoList());
        assertThat(best.type().name() + " " + best.caption() + " " + best.publishedAt().toInstant()).isEqualTo(db.fetchSingle(
                "SELECT post_type || ' ' || caption FROM insight_post WHERE post_id = {0}", best.postId()).get(0, String.class)
                + " " + db.fetchSingle("SELECT published_at FROM insight_post WHERE post_id = {0}", best.postId())
                .get(0, java.time.OffsetDateTime.class).toInstant());
        assertThat(results.comparisons()).extracting(Comparison::dimension)
                .containsExactly("caption", "post type", "hour published (UTC)");
        String[] by = {"caption", "post_type", "extract(hour from published_at AT TIME ZONE 'UTC')::int"};
        for (int c = 0; c < by.length; c++) {
            assertThat(results.comparisons().get(c).groups().stream().map(g -> g.label() + "=" + g.totals()).toList())
                    .as(by[c]).isEqualTo(db.fetch("SELECT " + by[c] + ", " + SUMS + where + " GROUP BY 1 ORDER BY "
                            + "sum(reach) DESC, (" + by[c] + ")::text COLLATE \"C\" LIMIT 10").map(InsightsTest::group));
        }
    }

    @Test
    @Order(12)
    void accounts_connected_together_are_first_collected_spread_over_an_hour_and_then_daily_each_at_its_own_time() {
        var now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<Long> ids = java.util.stream.LongStream.range(88_300_000L, 88_301_000L).boxed().toList();
        assertThat(app.bean(AccountDays.class).register(ids, io.switchboard.platform.Platform.INSTAGRAM, now))
                .isEqualTo(1000);
        var where = INSIGHT_ACCOUNT.ACCOUNT_ID.between(88_300_000L, 88_300_999L);
        List<java.time.OffsetDateTime> firsts = db.select(INSIGHT_ACCOUNT.NEXT_AT).from(INSIGHT_ACCOUNT).where(where)
                .fetch(INSIGHT_ACCOUNT.NEXT_AT);
        assertThat(firsts).allSatisfy(at -> assertThat(at).isBetween(now, now.plusHours(1)));
        var perMinute = firsts.stream().collect(java.util.stream.Collectors.groupingBy(
                at -> Duration.between(now, at).toMinutes(), java.util.stream.Collectors.counting()));
        assertThat(perMinute).hasSize(60);
        assertThat(perMinute.values()).allSatisfy(n -> assertThat(n).isBetween(10L, 25L));
        // the next day's collections fall inside that UTC day, each account at its own time, spread over it
        var day = now.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plusDays(1);
        List<java.time.OffsetDateTime> nexts = ids.stream().map(id -> CollectionTimes.nextDay(id, now)).toList();
        assertThat(nexts).allSatisfy(at -> assertThat(at).isBetween(day.plusHours(1), day.plusHours(23)));
        assertThat(nexts.stream().map(at -> at.getHour()).distinct()).hasSize(22);
        assertThat(CollectionTimes.nextDay(88_300_007L, day.minusHours(20)))
                .isEqualTo(CollectionTimes.nextDay(88_300_007L, day.minusHours(2)));
        db.deleteFrom(INSIGHT_ACCOUNT).where(where).execute();
    }

    private static final String SUMS = "count(*), sum(views), sum(reach), sum(interactions), sum(likes), sum(comments), "
            + "sum(shares), sum(saved)";

    /** A grouped row of {@link #SUMS} as "key=Totals[…]", as the application's totals print. */
    private static String group(org.jooq.Record r) {
        long[] n = new long[8];
        for (int i = 0; i < 8; i++) {
            n[i] = r.get(i + 1) == null ? 0 : ((Number) r.get(i + 1)).longValue();
        }
        return r.get(0) + "=" + new Totals(n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7]);
    }

    private static List<String> ranking(Results.Ranking ranking) {
        return ranking.top().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /** Makes the account's posts and day due now and runs the sweep (time passing, without waiting for it). */
    private static void collectNow(long accountId) {
        db.update(INSIGHT_POST).set(INSIGHT_POST.NEXT_AT, java.time.OffsetDateTime.now().minusSeconds(1))
                .where(INSIGHT_POST.ACCOUNT_ID.eq(accountId).and(INSIGHT_POST.NEXT_AT.isNotNull())).execute();
        db.update(INSIGHT_ACCOUNT).set(INSIGHT_ACCOUNT.NEXT_AT, java.time.OffsetDateTime.now().minusSeconds(1))
                .where(INSIGHT_ACCOUNT.ACCOUNT_ID.eq(accountId)).execute();
        eventually(WAIT, () -> assertThat(taskState(accountId)).isNotIn("queued", "running", "scheduled"));
        assertThat(app.bean(InsightSweep.class).submitDue()).isPositive();
    }

    /** Time passes for the account's posts, at the platform and here alike. */
    private static void age(PublishingFixture.Connected account, Duration age) {
        SandboxControl.agePublishes(app, account.platformUserId(), age);
        db.execute("UPDATE insight_post SET published_at = published_at - {0}::interval WHERE account_id = {1}",
                age.toSeconds() + " seconds", account.id());
    }

    private static void awaitDone(long accountId) {
        eventually(WAIT, () -> assertThat(taskState(accountId)).isEqualTo("succeeded"));
    }

    private static int samples(long accountId) {
        return db.fetchCount(INSIGHT_POST_SAMPLE, INSIGHT_POST_SAMPLE.POST_ID.in(
                db.select(INSIGHT_POST.POST_ID).from(INSIGHT_POST).where(INSIGHT_POST.ACCOUNT_ID.eq(accountId))));
    }

    private static String taskState(long accountId) {
        return db.fetchOptional("SELECT state FROM task WHERE kind = 'insights.collect' AND payload->>'accountId' = {0} "
                        + "ORDER BY id DESC LIMIT 1", String.valueOf(accountId))
                .map(r -> r.get(0, String.class)).orElse("none");
    }

    private static Instant runAt(long accountId) {
        return db.fetchSingle("SELECT run_at FROM task WHERE kind = 'insights.collect' AND payload->>'accountId' = {0} "
                + "ORDER BY id DESC LIMIT 1", String.valueOf(accountId)).get(0, java.time.OffsetDateTime.class).toInstant();
    }
}
