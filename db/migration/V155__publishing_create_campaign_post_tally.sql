-- Each campaign's posts by status, kept by the database in the same statement as every change of campaign_post, so
-- a page reads a campaign's counts from a few rows instead of counting its posts (200,000 in the pages benchmark)
-- and they are never older than the posts themselves. Rows are only added (a statement's changes as +n and -n per
-- campaign and status), never updated, so concurrent changes never wait for one another; the sum of a campaign's
-- rows is its count. publishing.TallyFolding folds each campaign's rows into one per status every minute.
CREATE TABLE campaign_post_tally
(
    campaign_id BIGINT NOT NULL,
    status      TEXT   NOT NULL,
    posts       BIGINT NOT NULL
);
CREATE INDEX campaign_post_tally_campaign_idx ON campaign_post_tally (campaign_id, status);

CREATE FUNCTION campaign_post_tally_inserted() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO campaign_post_tally (campaign_id, status, posts)
    SELECT campaign_id, status, count(*) FROM new_rows GROUP BY campaign_id, status;
    RETURN NULL;
END
$$;

CREATE FUNCTION campaign_post_tally_updated() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO campaign_post_tally (campaign_id, status, posts)
    SELECT campaign_id, status, sum(delta)
    FROM (SELECT o.campaign_id, o.status, -1 AS delta, o.id
          FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE o.status <> n.status OR o.campaign_id <> n.campaign_id
          UNION ALL
          SELECT n.campaign_id, n.status, 1, n.id
          FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE o.status <> n.status OR o.campaign_id <> n.campaign_id) change
    GROUP BY campaign_id, status
    HAVING sum(delta) <> 0;
    RETURN NULL;
END
$$;

CREATE FUNCTION campaign_post_tally_deleted() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO campaign_post_tally (campaign_id, status, posts)
    SELECT campaign_id, status, -count(*) FROM old_rows GROUP BY campaign_id, status;
    RETURN NULL;
END
$$;

-- the triggers first: they lock campaign_post against writes until the counts below are committed with them
CREATE TRIGGER campaign_post_tally_insert AFTER INSERT ON campaign_post
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_post_tally_inserted();
CREATE TRIGGER campaign_post_tally_update AFTER UPDATE ON campaign_post
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_post_tally_updated();
CREATE TRIGGER campaign_post_tally_delete AFTER DELETE ON campaign_post
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_post_tally_deleted();
-- campaign_post is never truncated; if it were, its counts would go with it
CREATE FUNCTION campaign_post_tally_truncated() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    DELETE FROM campaign_post_tally;
    RETURN NULL;
END
$$;
CREATE TRIGGER campaign_post_tally_truncate AFTER TRUNCATE ON campaign_post
    FOR EACH STATEMENT EXECUTE FUNCTION campaign_post_tally_truncated();

INSERT INTO campaign_post_tally (campaign_id, status, posts)
SELECT campaign_id, status, count(*) FROM campaign_post GROUP BY campaign_id, status;
