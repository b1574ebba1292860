-- The posts of every quarter of an hour (UTC) by status, kept by the database in the same statement as every change
-- of campaign_post, as campaign_post_tally keeps each campaign's. The calendar's month counts each day's posts, and
-- the Overview today's: counting the posts themselves read all 200,000 of the pages benchmark's busiest month on
-- every view; summing slots reads a few rows per day. A day in any time zone whose midnights fall on a quarter hour
-- (every zone in use today) is a whole number of slots. Rows are only added, never updated (concurrent changes never
-- wait for one another); publishing.TallyFolding folds each slot's rows into one per status every minute.
CREATE TABLE campaign_post_slot_tally
(
    slot   TIMESTAMPTZ NOT NULL,
    status TEXT        NOT NULL,
    posts  BIGINT      NOT NULL
);
CREATE INDEX campaign_post_slot_tally_slot_idx ON campaign_post_slot_tally (slot, status) INCLUDE (posts);

CREATE FUNCTION campaign_post_slot(at TIMESTAMPTZ) RETURNS TIMESTAMPTZ LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT date_bin(interval '15 minutes', at, timestamptz '2000-01-01 00:00:00+00')
$$;

CREATE FUNCTION campaign_post_slot_tally_inserted() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO campaign_post_slot_tally (slot, status, posts)
    SELECT campaign_post_slot(scheduled_at), status, count(*) FROM new_rows GROUP BY 1, 2;
    RETURN NULL;
END
$$;

CREATE FUNCTION campaign_post_slot_tally_updated() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO campaign_post_slot_tally (slot, status, posts)
    SELECT slot, status, sum(delta)
    FROM (SELECT campaign_post_slot(scheduled_at) AS slot, status, -count(*) AS delta FROM old_rows GROUP BY 1, 2
          UNION ALL
          SELECT campaign_post_slot(scheduled_at), status, count(*) FROM new_rows GROUP BY 1, 2) change
    GROUP BY slot, status
    HAVING sum(delta) <> 0;
    RETURN NULL;
END
$$;

CREATE FUNCTION campaign_post_slot_tally_deleted() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO campaign_post_slot_tally (slot, status, posts)
    SELECT campaign_post_slot(scheduled_at), status, -count(*) FROM old_rows GROUP BY 1, 2;
    RETURN NULL;
END
$$;

CREATE FUNCTION campaign_post_slot_tally_truncated() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    DELETE FROM campaign_post_slot_tally;
    RETURN NULL;
END
$$;

-- the triggers first: they lock campaign_post against writes until the counts below are committed with them
CREATE TRIGGER campaign_post_slot_tally_insert AFTER INSERT ON campaign_post
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_post_slot_tally_inserted();
CREATE TRIGGER campaign_post_slot_tally_update AFTER UPDATE ON campaign_post
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION campaign_post_slot_tally_updated();
CREATE TRIGGER campaign_post_slot_tally_delete AFTER DELETE ON campaign_post
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_post_slot_tally_deleted();
CREATE TRIGGER campaign_post_slot_tally_truncate AFTER TRUNCATE ON campaign_post
    FOR EACH STATEMENT EXECUTE FUNCTION campaign_post_slot_tally_truncated();

INSERT INTO campaign_post_slot_tally (slot, status, posts)
SELECT campaign_post_slot(scheduled_at), status, count(*) FROM campaign_post GROUP BY 1, 2;
