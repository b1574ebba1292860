-- Each campaign's posts by account and status, kept by the database in the same statements as campaign_post_tally
-- (V155, V156): the campaign page listed its accounts by counting every post of the campaign on every load and poll
-- (200,000 posts of 2,000 accounts: the one statement common to all four of its views in the campaign-size
-- benchmark). Rows are only added (+n and -n per campaign, account and status), so concurrent changes never wait for
-- one another, and the sum of a campaign's rows per account and status is the real count, never an older one.
-- publishing.TallyFolding folds them with campaign_post_tally every minute.
CREATE TABLE campaign_account_tally
(
    campaign_id BIGINT NOT NULL,
    account_id  BIGINT NOT NULL,
    status      TEXT   NOT NULL,
    posts       BIGINT NOT NULL
);
CREATE INDEX campaign_account_tally_campaign_idx ON campaign_account_tally (campaign_id, account_id, status);

CREATE OR REPLACE FUNCTION campaign_post_tally_inserted() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO campaign_post_tally (campaign_id, status, posts)
    SELECT campaign_id, status, count(*) FROM new_rows GROUP BY campaign_id, status;
    INSERT INTO campaign_account_tally (campaign_id, account_id, status, posts)
    SELECT campaign_id, account_id, status, count(*) FROM new_rows GROUP BY campaign_id, account_id, status;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION campaign_post_tally_updated() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO campaign_post_tally (campaign_id, status, posts)
    SELECT campaign_id, status, sum(delta)
    FROM (SELECT campaign_id, status, -count(*) AS delta FROM old_rows GROUP BY campaign_id, status
          UNION ALL
          SELECT campaign_id, status, count(*) FROM new_rows GROUP BY campaign_id, status) change
    GROUP BY campaign_id, status
    HAVING sum(delta) <> 0;
    -- a post may move to another account: counted by account too
    INSERT INTO campaign_account_tally (campaign_id, account_id, status, posts)
    SELECT campaign_id, account_id, status, sum(delta)
    FROM (SELECT campaign_id, account_id, status, -count(*) AS delta FROM old_rows
          GROUP BY campaign_id, account_id, status
          UNION ALL
          SELECT campaign_id, account_id, status, count(*) FROM new_rows GROUP BY campaign_id, account_id, status) change
    GROUP BY campaign_id, account_id, status
    HAVING sum(delta) <> 0;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION campaign_post_tally_deleted() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO campaign_post_tally (campaign_id, status, posts)
    SELECT campaign_id, status, -count(*) FROM old_rows GROUP BY campaign_id, status;
    INSERT INTO campaign_account_tally (campaign_id, account_id, status, posts)
    SELECT campaign_id, account_id, status, -count(*) FROM old_rows GROUP BY campaign_id, account_id, status;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION campaign_post_tally_truncated() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    DELETE FROM campaign_post_tally;
    DELETE FROM campaign_account_tally;
    RETURN NULL;
END
$$;

-- the existing posts, counted while campaign_post is locked against writes by this migration's transaction
LOCK TABLE campaign_post IN SHARE MODE;
INSERT INTO campaign_account_tally (campaign_id, account_id, status, posts)
SELECT campaign_id, account_id, status, count(*) FROM campaign_post GROUP BY campaign_id, account_id, status;
