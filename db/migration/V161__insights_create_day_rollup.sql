-- Every post's latest metrics added up by the UTC day it was published, over every account: a report of every account
-- reads its totals and days from here (a row a day) instead of adding up every post of the range at each request.
-- Kept by statement triggers on insight_post, so a reading and the day's totals change in one transaction: the
-- report never shows a total older or newer than the posts it adds up.
CREATE TABLE insight_day
(
    day          DATE PRIMARY KEY,
    posts        BIGINT NOT NULL DEFAULT 0,
    views        BIGINT NOT NULL DEFAULT 0,
    reach        BIGINT NOT NULL DEFAULT 0,
    interactions BIGINT NOT NULL DEFAULT 0,
    likes        BIGINT NOT NULL DEFAULT 0,
    comments     BIGINT NOT NULL DEFAULT 0,
    shares       BIGINT NOT NULL DEFAULT 0,
    saved        BIGINT NOT NULL DEFAULT 0
);

INSERT INTO insight_day (day, posts, views, reach, interactions, likes, comments, shares, saved)
SELECT (published_at AT TIME ZONE 'UTC')::date, count(*), sum(views), sum(reach), sum(interactions), sum(likes),
       sum(comments), sum(shares), sum(saved)
FROM insight_post
GROUP BY 1;

-- Adds the signed changes of one statement, a row per day, in day order (two statements touching the same days lock
-- them in the same order); a statement that changed no metric (a postponement) writes nothing. Grouped, never joined:
-- a join of the transition tables planned on small statements becomes a nested loop on large ones.
CREATE FUNCTION insight_day_add(changes insight_day[]) RETURNS void LANGUAGE sql AS
$$
INSERT INTO insight_day AS d (day, posts, views, reach, interactions, likes, comments, shares, saved)
SELECT c.day, sum(c.posts), sum(c.views), sum(c.reach), sum(c.interactions), sum(c.likes), sum(c.comments),
       sum(c.shares), sum(c.saved)
FROM unnest(changes) c
GROUP BY c.day
HAVING sum(c.posts) <> 0 OR sum(c.views) <> 0 OR sum(c.reach) <> 0 OR sum(c.interactions) <> 0 OR sum(c.likes) <> 0
    OR sum(c.comments) <> 0 OR sum(c.shares) <> 0 OR sum(c.saved) <> 0
ORDER BY c.day
ON CONFLICT (day) DO UPDATE SET posts = d.posts + EXCLUDED.posts, views = d.views + EXCLUDED.views,
    reach = d.reach + EXCLUDED.reach, interactions = d.interactions + EXCLUDED.interactions,
    likes = d.likes + EXCLUDED.likes, comments = d.comments + EXCLUDED.comments, shares = d.shares + EXCLUDED.shares,
    saved = d.saved + EXCLUDED.saved
$$;

CREATE FUNCTION insight_day_on_insert() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM insight_day_add(ARRAY(SELECT ROW((n.published_at AT TIME ZONE 'UTC')::date, 1, n.views, n.reach,
        n.interactions, n.likes, n.comments, n.shares, n.saved)::insight_day FROM new_rows n));
    RETURN NULL;
END
$$;

CREATE FUNCTION insight_day_on_update() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM insight_day_add(ARRAY(
        SELECT ROW((n.published_at AT TIME ZONE 'UTC')::date, 1, n.views, n.reach, n.interactions, n.likes,
            n.comments, n.shares, n.saved)::insight_day FROM new_rows n
        UNION ALL
        SELECT ROW((o.published_at AT TIME ZONE 'UTC')::date, -1, -o.views, -o.reach, -o.interactions, -o.likes,
            -o.comments, -o.shares, -o.saved)::insight_day FROM old_rows o));
    RETURN NULL;
END
$$;

CREATE FUNCTION insight_day_on_delete() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM insight_day_add(ARRAY(SELECT ROW((o.published_at AT TIME ZONE 'UTC')::date, -1, -o.views, -o.reach,
        -o.interactions, -o.likes, -o.comments, -o.shares, -o.saved)::insight_day FROM old_rows o));
    RETURN NULL;
END
$$;

CREATE TRIGGER insight_day_insert AFTER INSERT ON insight_post REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION insight_day_on_insert();
CREATE TRIGGER insight_day_update AFTER UPDATE ON insight_post REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION insight_day_on_update();
CREATE TRIGGER insight_day_delete AFTER DELETE ON insight_post REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION insight_day_on_delete();
