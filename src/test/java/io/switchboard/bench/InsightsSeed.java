package io.switchboard.bench;

import org.jooq.DSLContext;

/**
 * Insights for benchmarks, with SQL: every published post gets a heavy-tailed reach within the last {@code days} days
 * and four readings, every account {@code days} days of followers and daily metrics.
 */
final class InsightsSeed {
    private InsightsSeed() {
    }

    static void fromPublishedPosts(DSLContext db, int days) {
        db.execute("INSERT INTO insight_post (post_id, account_id, campaign_id, platform, media_id, post_type, caption, "
                + "permalink, published_at, next_at, collections, collected_at, views, reach, likes, comments, shares, saved, "
                + "interactions) SELECT p.id, p.account_id, p.campaign_id, 'INSTAGRAM', coalesce(p.platform_media_id, 'm' || p.id), "
                + "c.post_type, left(p.caption, 300), p.permalink, coalesce(p.published_at, now() - random() * interval '" + days
                + " days'), NULL, 4, now(), x.r * 2, x.r, x.r / 25, x.r / 200, x.r / 100, x.r / 100, x.r / 25 + x.r / 50 "
                + "FROM campaign_post p JOIN campaign c ON c.id = p.campaign_id, "
                + "LATERAL (SELECT (200 + 50000 * power(random(), 8) + p.id % 7)::bigint AS r) x "
                + "WHERE p.status = 'published' ON CONFLICT DO NOTHING");
        samples(db);
        accountDays(db, days);
    }

    static void samples(DSLContext db) {
        db.execute("INSERT INTO insight_post_sample (post_id, collected_at, views, reach, likes, comments, shares, saved, "
                + "interactions) SELECT p.post_id, p.published_at + k * interval '6 hours', p.views * k / 4, p.reach * k / 4, "
                + "p.likes * k / 4, p.comments * k / 4, p.shares * k / 4, p.saved * k / 4, p.interactions * k / 4 "
                + "FROM insight_post p, generate_series(1, 4) k ON CONFLICT DO NOTHING");
    }

    static void accountDays(DSLContext db, int days) {
        db.execute("INSERT INTO insight_account (account_id, platform, next_at) SELECT id, platform, now() + interval '1 day' "
                + "FROM account ON CONFLICT DO NOTHING");
        db.execute("INSERT INTO insight_account_day (account_id, day, followers, reach, views, profile_views, engaged, "
                + "collected_at) SELECT a.id, current_date - d, 1000 + a.id % 5000 + (" + days + " - d) * 12, 3000, 5000, "
                + "90, 200, now() FROM account a, generate_series(0, " + (days - 1) + ") d ON CONFLICT DO NOTHING");
        db.execute("VACUUM ANALYZE insight_post");
        db.execute("VACUUM ANALYZE insight_post_sample");
        db.execute("VACUUM ANALYZE insight_account_day");
        // the roll-ups the insight_post triggers filled while seeding: a production database has them analysed by
        // autovacuum; unanalysed, the planner guessed 94 rows for 17,625 at a tenth of the size
        db.execute("VACUUM ANALYZE insight_day");
        db.execute("VACUUM ANALYZE insight_account_post_day");
    }

    /**
     * Leaves the database as a production one in steady state would be before pages are timed: every table the seed
     * (and the triggers it fired) filled vacuumed and analysed, no autovacuum worker running (waits up to 2 minutes
     * for 2 quiet seconds in a row), and the seed's dirty pages written by a checkpoint instead of during the timing.
     * The product's own maintenance is left on: autovacuum still runs whenever the timed requests give it work.
     * Prints {@code bench insights-settle ...} with what it waited for.
     */
    static void settle(DSLContext db) {
        long start = System.nanoTime();
        db.execute("VACUUM (ANALYZE)");
        long vacuumed = System.nanoTime();
        java.util.Set<String> seen = new java.util.TreeSet<>();
        long quietSince = System.nanoTime();
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() - quietSince < 2_000_000_000L && System.nanoTime() < deadline) {
            var workers = db.fetch("SELECT query FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")
                    .getValues(0, String.class);
            if (!workers.isEmpty()) {
                seen.addAll(workers);
                quietSince = System.nanoTime();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        long waited = System.nanoTime();
        db.execute("CHECKPOINT");
        System.out.printf(java.util.Locale.ROOT, "bench insights-settle vacuum_analyze_ms=%d autovacuum_wait_ms=%d "
                        + "autovacuum_seen=%s checkpoint_ms=%d%n", (vacuumed - start) / 1_000_000,
                (waited - vacuumed) / 1_000_000, seen, (System.nanoTime() - waited) / 1_000_000);
    }
}
