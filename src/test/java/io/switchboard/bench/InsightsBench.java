package io.switchboard.bench;

import io.switchboard.sandbox.SandboxControl;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Operators;
import io.switchboard.testing.WebSession;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;

import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code ./mvnw -Pbench -Dbench=insights verify}: 10,000 accounts, 200,000 published posts with 30 days of post and
 * account insights (seeded with SQL from one real connected sandbox account and one campaign), then the campaign
 * results page (the largest campaign), an account's insights page and a month's report for every account, over HTTP:
 * 3 warm-up requests, 20 timed, p95. Then collection against the sandbox answering every call in 100 ms on one
 * instance: 200 connected sandbox accounts, 5 published posts each, all due at once; collections per second from the
 * moment they are due until every post has its reading (the sweep runs every 2 s). {@code -Dbench.insights.scale=0.01} seeds a hundredth.
 * Before timing, the seed's tables are vacuumed and analysed, autovacuum is waited out and a checkpoint written
 * ({@link InsightsSeed#settle}; {@code -Dbench.insights.unsettled=true} times the freshly seeded database instead).
 * Each page's line {@code bench insights-background} says what else ran during its timed requests ({@link Background}).
 */
@Tag("bench")
class InsightsBench {
    private static final double SCALE = Double.parseDouble(System.getProperty("bench.insights.scale", "1"));
    private static final int RUNS = 20;
    /** Requests before the timed ones (3 as the figures were made; more lets the JIT finish first). */
    private static final int WARMUPS = Integer.getInteger("bench.insights.warmups", 3);

    @Test
    void insights() throws Exception {
        Bench.only("insights");
        int accounts = (int) Math.max(10, 10_000 * SCALE);
        int posts = (int) Math.max(100, 200_000 * SCALE);
        int collectAccounts = (int) Math.max(5, 200 * Math.min(1, SCALE * 10));
        try (EmbeddedPostgres postgres = Bench.postgres(false);
             AppInstance app = AppInstance.start(Bench.database(postgres, "insights"), List.of(),
                     "logging.level.io.switchboard=WARN", "switchboard.insights.sweep-interval=2s",
                     "switchboard.tasks.queues.insights=16", "spring.datasource.hikari.maximum-pool-size=24")) {
            DSLContext db = app.bean(DSLContext.class);
            SignedIn.as("bench", "OPERATOR");
            long template = SandboxControl.connect(app, SandboxControl.account(app, "tmpl").accessToken(), "bench");
            String spec = app.bean(tools.jackson.databind.json.JsonMapper.class).writeValueAsString(
                    io.switchboard.publishing.PublishingFixture.imageCampaign("Bench",
                            List.of(new io.switchboard.publishing.PublishingFixture.Connected(template, "0")), List.of(1L)));
            seed(db, template, spec, accounts, posts);
            if (!Boolean.getBoolean("bench.insights.unsettled")) {
                InsightsSeed.settle(db);
            }
            long rows = db.fetchSingle("SELECT (SELECT count(*) FROM insight_post) + (SELECT count(*) FROM insight_post_sample)"
                    + " + (SELECT count(*) FROM insight_account_day)").get(0, Long.class);
            // every campaign holds as many posts (2,000) and every account as many (20): ties go to the lowest id, the
            // first campaign (its 100 accounts' posts) and the template account, so every run times the same pages
            long campaign = db.fetchSingle("SELECT campaign_id FROM insight_post GROUP BY campaign_id "
                    + "ORDER BY count(*) DESC, campaign_id LIMIT 1").get(0, Long.class);
            long account = db.fetchSingle("SELECT account_id FROM insight_post GROUP BY account_id "
                    + "ORDER BY count(*) DESC, account_id LIMIT 1").get(0, Long.class);
            System.out.println("bench insights-picked campaign=" + campaign + " account=" + account + " "
                    + db.fetchSingle("SELECT count(*) FILTER (WHERE campaign_id = {0}) campaign_posts, "
                    + "count(DISTINCT account_id) FILTER (WHERE campaign_id = {0}) campaign_accounts, "
                    + "count(*) FILTER (WHERE account_id = {1}) account_posts, sum(reach) reach_sum FROM insight_post",
                    campaign, account).intoMap());
            WebSession admin = Operators.admin(app);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            Supplier<Connection> connect = () -> {
                try {
                    return postgres.getDatabase("postgres", "insights").getConnection();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            };
            int[] autovacuum = new int[1];
            Timed campaignPage = p95(admin, app.url("/campaigns/" + campaign + "/results"), "campaign", connect, autovacuum);
            Timed accountPage = p95(admin, app.url("/accounts/" + account + "/insights"), "account", connect, autovacuum);
            Timed reportPage = p95(admin, app.url("/reports?from=" + today.minusDays(29) + "&to=" + today), "report",
                    connect, autovacuum);
            // -Dbench.insights.collect=false: the pages only (collect_per_s=0), for comparing page builds quickly
            double perSecond = Boolean.parseBoolean(System.getProperty("bench.insights.collect", "true"))
                    ? collect(app, db, collectAccounts) : 0;
            Bench.print(String.format(java.util.Locale.ROOT, "insights rows=%d campaign_page_p95_ms=%d "
                            + "account_page_p95_ms=%d report_p95_ms=%d collect_per_s=%.1f autovacuum_during_timing=%d "
                            + "jit_ms_campaign=%d jit_ms_account=%d jit_ms_report=%d "
                            + "jit_cpu_ms_campaign=%d jit_cpu_ms_account=%d jit_cpu_ms_report=%d",
                    rows, campaignPage.p95(), accountPage.p95(), reportPage.p95(), perSecond, autovacuum[0],
                    campaignPage.jitMillis(), accountPage.jitMillis(), reportPage.jitMillis(),
                    campaignPage.jitCpuMillis(), accountPage.jitCpuMillis(), reportPage.jitCpuMillis()));
            long hold = Long.getLong("bench.insights.hold", 0);
            if (hold > 0) {
                System.out.println("bench insights-hold url=" + postgres.getJdbcUrl("postgres", "insights") + " seconds=" + hold);
                Thread.sleep(hold * 1000);
            }
        } finally {
            SignedIn.out();
        }
    }

    /**
     * Accounts copied from a real one, 100 campaigns copied from one, published posts as insights know them: the same
     * rows on every run (accounts and campaigns by id, reach from a hash of the row number, hours back from today's
     * midnight UTC), so two runs of a day time the same data.
     */
    private static void seed(DSLContext db, long template, String spec, int accounts, int posts) {
        db.execute("INSERT INTO account (" + columns(db, "account", "id, platform_user_id, username") + ", platform_user_id, "
                + "username) SELECT " + columns(db, "account", "id, platform_user_id, username") + ", 'bench' || n, "
                + "'bench_' || lpad(n::text, 6, '0') FROM account, generate_series(1, " + (accounts - 1) + ") n "
                + "WHERE id = " + template);
        db.execute("INSERT INTO campaign (name, status, spec, post_type, created_by, first_at, last_at) "
                + "SELECT 'Bench ' || n, 'finished', {0}::jsonb, 'IMAGE', 'bench', now() - interval '30 days', now() "
                + "FROM generate_series(1, 100) n", spec);
        db.execute("INSERT INTO insight_post (post_id, account_id, campaign_id, platform, media_id, post_type, caption, "
                + "permalink, published_at, next_at, collections, collected_at, views, reach, likes, comments, shares, saved, "
                + "interactions) SELECT n, a.ids[1 + n % cardinality(a.ids)], c.ids[1 + (n * 7) % cardinality(c.ids)], "
                + "'INSTAGRAM', 'm' || n, (ARRAY['IMAGE','REELS','CAROUSEL'])[1 + n % 3], 'Variant ' || (n % 3), NULL, "
                + "date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - (n % 720) * interval '1 hour', NULL, 4, "
                + "now(), x.r * 2, x.r, x.r / 25, x.r / 200, x.r / 100, x.r / 100, x.r / 25 + x.r / 50 "
                + "FROM generate_series(1, " + posts + ") n, "
                + "(SELECT array_agg(id ORDER BY id) ids FROM account) a, "
                + "(SELECT array_agg(id ORDER BY id) ids FROM campaign) c, "
                // a heavy-tailed reach from a hash of the row number (Knuth's multiplicative hash, spread over [0, 1)):
                // the same data on every run, so two runs compare builds rather than draws of random()
                + "LATERAL (SELECT (200 + 50000 * power((n::bigint * 2654435761 % 4294967296) / 4294967296.0, 8))::bigint "
                + "+ n % 7 AS r) x");
        InsightsSeed.samples(db);
        InsightsSeed.accountDays(db, 30);
    }

    private static String columns(DSLContext db, String table, String except) {
        List<String> skip = List.of(except.split(",\\s*"));
        List<String> names = db.fetch("SELECT column_name FROM information_schema.columns WHERE table_name = {0} "
                + "AND is_generated = 'NEVER' AND identity_generation IS NULL ORDER BY ordinal_position", table)
                .getValues(0, String.class);
        return String.join(", ", names.stream().filter(n -> !skip.contains(n)).toList());
    }

    /** Connected sandbox accounts with published posts due now; readings per second until all are read. */
    private static double collect(AppInstance app, DSLContext db, int accounts) {
        for (int i = 0; i < accounts; i++) {
            var credentials = SandboxControl.account(app, "col");
            long id = SandboxControl.connect(app, credentials.accessToken(), "collect");
            for (int k = 0; k < 5; k++) {
                long container = db.fetchSingle("INSERT INTO sandbox_container (account_id, media_type, ready_not_before) "
                        + "VALUES ({0}, 'IMAGE', now()) RETURNING id", Long.parseLong(credentials.platformUserId())).get(0, Long.class);
                long media = db.fetchSingle("INSERT INTO sandbox_media (account_id, container_id, media_type, published_at) "
                                + "VALUES ({0}, {1}, 'IMAGE', now() - interval '2 days') RETURNING id",
                        Long.parseLong(credentials.platformUserId()), container).get(0, Long.class);
                db.execute("INSERT INTO insight_post (post_id, account_id, campaign_id, platform, media_id, post_type, "
                        + "published_at, next_at) VALUES ({0}, {1}, 1, 'INSTAGRAM', {2}, 'IMAGE', now() - interval '2 days', "
                        + "NULL)", 10_000_000L + i * 10L + k, id, String.valueOf(media));
            }
        }
        db.execute("UPDATE insight_account SET next_at = now() + interval '1 day'");
        SandboxControl.settings(app, Duration.ofMillis(100), Duration.ofSeconds(1), 50);
        int expected = accounts * 5;
        long start = System.nanoTime();
        db.execute("UPDATE insight_post SET next_at = now() WHERE post_id >= 10000000");
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        int done;
        do {
            sleep();
            done = db.fetchCount(db.selectFrom(switchboard.jooq.Tables.INSIGHT_POST)
                    .where(switchboard.jooq.Tables.INSIGHT_POST.POST_ID.ge(10_000_000L)
                            .and(switchboard.jooq.Tables.INSIGHT_POST.COLLECTIONS.gt(0))));
        } while (done < expected && System.nanoTime() < deadline);
        if (done < expected) {
            throw new AssertionError("only " + done + " of " + expected + " collections in 10 minutes");
        }
        return done / ((System.nanoTime() - start) / 1e9);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A page's p95, the JIT's compilation time during its timed requests (a cold JVM spends most of its CPU there) and
     * the CPU time of the compiler threads over them (which a loaded machine stretches less than the compilation time).
     */
    private record Timed(long p95, long jitMillis, long jitCpuMillis) {
    }

    /**
     * The page's p95 over {@link #RUNS} timed requests after {@link #WARMUPS} warm-ups; prints what else ran during the timed ones
     * (autovacuum, checkpoints, GC, JIT, other processes' CPU: {@link Background}) and each request's time.
     */
    private static Timed p95(WebSession session, String url, String page, Supplier<Connection> connect, int[] autovacuum) {
        List<Long> millis = new ArrayList<>();
        List<String> each = new ArrayList<>();
        Background background = null;
        long jitTimed = 0;
        long windowStart = 0;
        long jitCpu = 0;
        for (int i = 0; i < WARMUPS + RUNS; i++) {
            if (i == WARMUPS) {
                background = Background.watch(connect);
                windowStart = System.currentTimeMillis();
                jitCpu = Background.jitCpuMillis();
            }
            long start = System.nanoTime();
            long gc = Background.gcMillis();
            long jit = Background.jitMillis();
            var response = session.get(url);
            if (response.statusCode() != 200) {
                throw new AssertionError(url + " answered " + response.statusCode());
            }
            if (i >= WARMUPS) {
                millis.add((System.nanoTime() - start) / 1_000_000);
                jitTimed += Background.jitMillis() - jit;
                each.add(millis.getLast() + "(gc " + (Background.gcMillis() - gc) + ", jit " + (Background.jitMillis() - jit) + ")");
            }
        }
        jitCpu = Background.jitCpuMillis() - jitCpu;
        try (Background watched = background) {
            // the window in epoch ms, to match a JFR recording's jdk.Compilation events to the page's timed requests
            System.out.println("bench insights-background page=" + page + " window_ms=" + windowStart + "-"
                    + System.currentTimeMillis() + " " + watched.line() + " requests=" + each);
            autovacuum[0] += watched.autovacuumSamples();
        }
        return new Timed(Bench.percentile(Bench.sorted(millis), 95), jitTimed, jitCpu);
    }
}
