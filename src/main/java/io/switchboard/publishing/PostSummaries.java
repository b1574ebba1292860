package io.switchboard.publishing;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/** Posts summed up for the Overview: those of a day by status, and the failed or held ones by reason. */
@Repository
class PostSummaries {
    /** Failed posts older than this leave the Overview (they stay on their campaign's page). */
    static final Duration RECENT_FAILURES = Duration.ofDays(7);
    private final DSLContext db;
    private final PostSlots slots;

    PostSummaries(DSLContext db, PostSlots slots) {
        this.db = db;
        this.slots = slots;
    }

    /** Posts scheduled within [from, until) (both on a quarter hour), by status, from the quarter-hour tally. */
    PostCounts scheduledBetween(OffsetDateTime from, OffsetDateTime until) {
        return PostCounts.of(slots.byStatus(from, until));
    }

    /**
     * Held posts, and posts failed within {@link #RECENT_FAILURES}, of campaigns that were not cancelled, grouped by
     * campaign, status and reason, the latest first (by the hour of the group's last change, then the most posts),
     * with how many posts all the groups hold. The groups and their counts are summed from the tally the database
     * keeps with every change of a post (V199), a few rows per group and hour; only the window's first hour is
     * corrected from the posts themselves (those failed in it before the window began). The accounts of the groups
     * shown are counted from the troubled posts' own index (V190). Reading the posts instead took 0.2-0.4 s of the
     * Overview's server time at the pages benchmark's 40,000 troubled posts.
     */
    PublishingOverview.Troubles trouble(OffsetDateTime failedSince, int limit) {
        var rows = db.fetch("""
                WITH hours AS (
                    SELECT t.campaign_id, t.status, t.status_reason, t.hour, t.posts
                    FROM campaign_post_trouble_tally t
                    WHERE t.status = 'paused' OR (t.status = 'failed' AND t.hour >= campaign_post_trouble_hour({0}::timestamptz))
                    UNION ALL
                    SELECT p.campaign_id, p.status, p.status_reason, campaign_post_trouble_hour(p.updated_at), -1
                    FROM campaign_post p
                    WHERE p.status IN ('failed', 'paused') AND p.status = 'failed'
                      AND p.updated_at >= campaign_post_trouble_hour({0}::timestamptz) AND p.updated_at <= {0}::timestamptz),
                net AS (
                    SELECT campaign_id, status, status_reason, hour, sum(posts) AS posts FROM hours
                    GROUP BY campaign_id, status, status_reason, hour HAVING sum(posts) > 0),
                grouped AS (
                    SELECT n.campaign_id, c.name, n.status, n.status_reason, sum(n.posts)::int AS posts,
                           max(n.hour) AS latest
                    FROM net n JOIN campaign c ON c.id = n.campaign_id AND c.status <> 'cancelled'
                    GROUP BY n.campaign_id, c.name, n.status, n.status_reason),
                shown AS (
                    SELECT g.*, (sum(g.posts) OVER ())::int AS all_posts FROM grouped g
                    ORDER BY g.latest DESC, g.posts DESC, g.campaign_id, g.status, coalesce(g.status_reason, '') LIMIT {1})
                SELECT s.campaign_id, s.name, s.status, s.status_reason, s.posts, a.accounts, a.account, s.all_posts
                FROM shown s CROSS JOIN LATERAL (
                    SELECT count(DISTINCT p.account_id)::int AS accounts, min(p.account_id) AS account
                    FROM campaign_post p
                    WHERE p.campaign_id = s.campaign_id AND p.status = s.status
                      AND p.status IN ('failed', 'paused')
                      AND coalesce(p.status_reason, '') = coalesce(s.status_reason, '')
                      AND (p.status = 'paused' OR p.updated_at > {0}::timestamptz)) a
                ORDER BY s.latest DESC, s.posts DESC, s.campaign_id, s.status, coalesce(s.status_reason, '')
                """, failedSince, limit);
        List<PublishingOverview.Trouble> found = rows.map(r -> new PublishingOverview.Trouble(
                r.get(0, Long.class), r.get(1, String.class), PostStatus.fromDb(r.get(2, String.class)),
                r.get(3) == null ? "" : r.get(3, String.class), r.get(4, Integer.class), r.get(5, Integer.class),
                r.get(5, Integer.class) == 1 ? r.get(6, Long.class) : null));
        return new PublishingOverview.Troubles(found, rows.isEmpty() ? 0 : rows.getFirst().get(7, Integer.class));
    }

    /** Folds each group's added rows into one per hour (the counts read the same before and after). */
    int foldTrouble() {
        return db.execute("WITH busy AS (SELECT campaign_id FROM campaign_post_trouble_tally GROUP BY campaign_id "
                + "HAVING count(*) > count(DISTINCT (status, status_reason, hour))), "
                + "folded AS (DELETE FROM campaign_post_trouble_tally t USING busy WHERE t.campaign_id = busy.campaign_id "
                + "RETURNING t.campaign_id, t.status, t.status_reason, t.hour, t.posts) "
                + "INSERT INTO campaign_post_trouble_tally (campaign_id, status, status_reason, hour, posts) "
                + "SELECT campaign_id, status, status_reason, hour, sum(posts) FROM folded "
                + "GROUP BY campaign_id, status, status_reason, hour HAVING sum(posts) <> 0");
    }
}
