-- Every post's latest metrics added up by account and UTC day published: a report ranks its accounts and adds up a
-- tag's days from here (a row per account and day) instead of grouping every post of the range at each request.
-- Kept like insight_day (V161) by statement triggers on insight_post, in the reading's own transaction: a reading
-- replaces the post's previous one (the old row is taken out, the new one added), so a post counts once, on the
-- account and day it has now.
CREATE TABLE insight_account_post_day
(
    account_id   BIGINT NOT NULL,
    day          DATE   NOT NULL,
    posts        BIGINT NOT NULL DEFAULT 0,
    views        BIGINT NOT NULL DEFAULT 0,
    reach        BIGINT NOT NULL DEFAULT 0,
    interactions BIGINT NOT NULL DEFAULT 0,
    likes        BIGINT NOT NULL DEFAULT 0,
    comments     BIGINT NOT NULL DEFAULT 0,
    shares       BIGINT NOT NULL DEFAULT 0,
    saved        BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, day)
);
-- a report of every account reads a range of days over all accounts
CREATE INDEX insight_account_post_day_day_idx ON insight_account_post_day (day);

INSERT INTO insight_account_post_day (account_id, day, posts, views, reach, interactions, likes, comments, shares, saved)
SELECT account_id, (published_at AT TIME ZONE 'UTC')::date, count(*), sum(views), sum(reach), sum(interactions),
       sum(likes), sum(comments), sum(shares), sum(saved)
FROM insight_post
GROUP BY 1, 2;

-- The signed changes of one statement, a row per account and day, in key order (two statements lock shared rows in
-- the same order); a change that moves no number (a postponement) writes nothing.
CREATE FUNCTION insight_account_post_day_add(changes insight_account_post_day[]) RETURNS void LANGUAGE sql AS
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
    saved = d.saved + EXCLUDED.saved
$$;

CREATE FUNCTION insight_account_post_day_on_insert() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM insight_account_post_day_add(ARRAY(SELECT ROW(n.account_id, (n.published_at AT TIME ZONE 'UTC')::date, 1,
        n.views, n.reach, n.interactions, n.likes, n.comments, n.shares, n.saved)::insight_account_post_day
        FROM new_rows n));
    RETURN NULL;
END
$$;

CREATE FUNCTION insight_account_post_day_on_update() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM insight_account_post_day_add(ARRAY(
        SELECT ROW(n.account_id, (n.published_at AT TIME ZONE 'UTC')::date, 1, n.views, n.reach, n.interactions,
            n.likes, n.comments, n.shares, n.saved)::insight_account_post_day FROM new_rows n
        UNION ALL
        SELECT ROW(o.account_id, (o.published_at AT TIME ZONE 'UTC')::date, -1, -o.views, -o.reach, -o.interactions,
            -o.likes, -o.comments, -o.shares, -o.saved)::insight_account_post_day FROM old_rows o));
    RETURN NULL;
END
$$;

CREATE FUNCTION insight_account_post_day_on_delete() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM insight_account_post_day_add(ARRAY(SELECT ROW(o.account_id, (o.published_at AT TIME ZONE 'UTC')::date, -1,
        -o.views, -o.reach, -o.interactions, -o.likes, -o.comments, -o.shares, -o.saved)::insight_account_post_day
        FROM old_rows o));
    RETURN NULL;
END
$$;

CREATE TRIGGER insight_account_post_day_insert AFTER INSERT ON insight_post REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION insight_account_post_day_on_insert();
CREATE TRIGGER insight_account_post_day_update AFTER UPDATE ON insight_post
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION insight_account_post_day_on_update();
CREATE TRIGGER insight_account_post_day_delete AFTER DELETE ON insight_post REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION insight_account_post_day_on_delete();
