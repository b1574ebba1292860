-- Every account's posts and reach over all its days (insight_account_post_day added up by account): a report of every
-- account whose days hold most of the posts ranks its accounts by this total minus the days outside the report,
-- reading a row per account and the few days outside, instead of every account's every day inside it (the insights
-- benchmark's month: 10,500 rows instead of 90,000, PostgreSQL CPU about 9 ms instead of 42 on a loaded machine).
-- Kept by the same function as insight_account_post_day, in the reading's own transaction: it is never older or newer
-- than the days it adds up.

-- Old instances keep collecting while the migration runs (docs/operations.md, rolling restarts): a reading written
-- between the sum below and this transaction's commit would add to the days through the old function and never to
-- the totals. Their writes to insight_post (whose triggers keep the days) wait here until the new function is in
-- place; a reading already written is committed before the lock is granted, so the sum sees it.
LOCK TABLE insight_post IN SHARE MODE;

CREATE TABLE insight_account_post_total
(
    account_id BIGINT PRIMARY KEY,
    posts      BIGINT NOT NULL DEFAULT 0,
    reach      BIGINT NOT NULL DEFAULT 0
);

INSERT INTO insight_account_post_total (account_id, posts, reach)
SELECT account_id, sum(posts), sum(reach)
FROM insight_account_post_day
GROUP BY account_id;

-- as in V173, then the same changes added up by account (locked in account order, after the account's days)
CREATE OR REPLACE FUNCTION insight_account_post_day_add(changes insight_account_post_day[]) RETURNS void LANGUAGE sql AS
$$
INSERT INTO insight_account_post_day AS d (account_id, day, posts, views, reach, interactions, likes, comments, shares,
                                            saved)
SELECT c.account_id, c.day, sum(c.posts), sum(c.views), sum(c.reach), sum(c.interactions), sum(c.likes),
       sum(c.comments), sum(c.shares), sum(c.saved)
FROM unnest(changes) c
GROUP BY c.account_id, c.day
HAVING sum(c.posts) <> 0 OR sum(c.views) <> 0 OR sum(c.reach) <> 0 OR sum(c.interactions) <> 0 OR sum(c.likes) <> 0
    OR sum(c.comments) <> 0 OR sum(c.shares) <> 0 OR sum(c.saved) <> 0
ORDER BY c.account_id, c.day
ON CONFLICT (account_id, day) DO UPDATE SET posts = d.posts + EXCLUDED.posts, views = d.views + EXCLUDED.views,
    reach = d.reach + EXCLUDED.reach, interactions = d.interactions + EXCLUDED.interactions,
    likes = d.likes + EXCLUDED.likes, comments = d.comments + EXCLUDED.comments, shares = d.shares + EXCLUDED.shares,
    saved = d.saved + EXCLUDED.saved;

INSERT INTO insight_account_post_total AS t (account_id, posts, reach)
SELECT c.account_id, sum(c.posts), sum(c.reach)
FROM unnest(changes) c
GROUP BY c.account_id
HAVING sum(c.posts) <> 0 OR sum(c.reach) <> 0
ORDER BY c.account_id
ON CONFLICT (account_id) DO UPDATE SET posts = t.posts + EXCLUDED.posts, reach = t.reach + EXCLUDED.reach;
$$;
