-- insight_day (V161) was one row per UTC day, updated by the triggers of every change of insight_post: every post
-- published today added 1 to the same row, so each insight_post insert waited for the transaction before it to
-- commit (seen in the burst benchmark: up to 26 listeners at once, each holding a pooled connection while it waited).
-- Its rows are now only added, as campaign_post_slot_tally's are (V177): a statement's changes as a row per day, never
-- an update, so concurrent readings never wait for one another; insights.DayFolding folds each day's rows into one
-- every minute. A day's figures are the sum of its rows, before and after folding alike.
ALTER TABLE insight_day DROP CONSTRAINT insight_day_pkey;
CREATE INDEX insight_day_day_idx ON insight_day (day) INCLUDE (posts, views, reach, interactions, likes, comments,
    shares, saved);

CREATE OR REPLACE FUNCTION insight_day_add(changes insight_day[]) RETURNS void LANGUAGE sql AS
$$
INSERT INTO insight_day (day, posts, views, reach, interactions, likes, comments, shares, saved)
SELECT c.day, sum(c.posts), sum(c.views), sum(c.reach), sum(c.interactions), sum(c.likes), sum(c.comments),
       sum(c.shares), sum(c.saved)
FROM unnest(changes) c
GROUP BY c.day
HAVING sum(c.posts) <> 0 OR sum(c.views) <> 0 OR sum(c.reach) <> 0 OR sum(c.interactions) <> 0 OR sum(c.likes) <> 0
    OR sum(c.comments) <> 0 OR sum(c.shares) <> 0 OR sum(c.saved) <> 0
$$;
