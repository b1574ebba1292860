-- The Overview's failed and held posts by campaign, status, reason and hour (UTC) of their last change, kept by the
-- database in the same statement as every change of campaign_post, as campaign_post_slot_tally keeps the calendar's.
-- Grouping the posts themselves read every troubled post on every load (40,000 in the pages benchmark); summing the
-- tally reads a few rows per group and hour. Rows are only added, never updated (concurrent changes never wait for
-- one another); publishing.TallyFolding folds each group's rows into one per hour every minute.
CREATE TABLE campaign_post_trouble_tally
(
    campaign_id   BIGINT      NOT NULL,
    status        TEXT        NOT NULL,
    status_reason TEXT,
    hour          TIMESTAMPTZ NOT NULL,
    posts         BIGINT      NOT NULL
);
CREATE INDEX campaign_post_trouble_tally_hour_idx ON campaign_post_trouble_tally (status, hour);

CREATE FUNCTION campaign_post_trouble_hour(at TIMESTAMPTZ) RETURNS TIMESTAMPTZ LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT date_bin(interval '1 hour', at, timestamptz '2000-01-01 00:00:00+00')
$$;

CREATE FUNCTION campaign_post_trouble_tally_inserted() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO campaign_post_trouble_tally (campaign_id, status, status_reason, hour, posts)
    SELECT campaign_id, status, status_reason, campaign_post_trouble_hour(updated_at), count(*) FROM new_rows
    WHERE status IN ('failed', 'paused') GROUP BY 1, 2, 3, 4;
    RETURN NULL;
END
$$;

CREATE FUNCTION campaign_post_trouble_tally_updated() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO campaign_post_trouble_tally (campaign_id, status, status_reason, hour, posts)
    SELECT campaign_id, status, status_reason, hour, sum(delta)
    FROM (SELECT campaign_id, status, status_reason, campaign_post_trouble_hour(updated_at) AS hour, -count(*) AS delta
          FROM old_rows WHERE status IN ('failed', 'paused') GROUP BY 1, 2, 3, 4
          UNION ALL
          SELECT campaign_id, status, status_reason, campaign_post_trouble_hour(updated_at), count(*)
          FROM new_rows WHERE status IN ('failed', 'paused') GROUP BY 1, 2, 3, 4) change
    GROUP BY campaign_id, status, status_reason, hour
    HAVING sum(delta) <> 0;
    RETURN NULL;
END
$$;

CREATE FUNCTION campaign_post_trouble_tally_deleted() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO campaign_post_trouble_tally (campaign_id, status, status_reason, hour, posts)
    SELECT campaign_id, status, status_reason, campaign_post_trouble_hour(updated_at), -count(*) FROM old_rows
    WHERE status IN ('failed', 'paused') GROUP BY 1, 2, 3, 4;
    RETURN NULL;
END
$$;

CREATE FUNCTION campaign_post_trouble_tally_truncated() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    DELETE FROM campaign_post_trouble_tally;
    RETURN NULL;
END
$$;

-- the triggers first: they lock campaign_post against writes until the counts below are committed with them
CREATE TRIGGER campaign_post_trouble_tally_insert AFTER INSERT ON campaign_post
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_post_trouble_tally_inserted();
CREATE TRIGGER campaign_post_trouble_tally_update AFTER UPDATE ON campaign_post
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION campaign_post_trouble_tally_updated();
CREATE TRIGGER campaign_post_trouble_tally_delete AFTER DELETE ON campaign_post
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_post_trouble_tally_deleted();
CREATE TRIGGER campaign_post_trouble_tally_truncate AFTER TRUNCATE ON campaign_post
    FOR EACH STATEMENT EXECUTE FUNCTION campaign_post_trouble_tally_truncated();

INSERT INTO campaign_post_trouble_tally (campaign_id, status, status_reason, hour, posts)
SELECT campaign_id, status, status_reason, campaign_post_trouble_hour(updated_at), count(*) FROM campaign_post
WHERE status IN ('failed', 'paused') GROUP BY 1, 2, 3, 4;
