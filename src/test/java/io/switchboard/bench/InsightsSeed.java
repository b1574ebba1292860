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
}
