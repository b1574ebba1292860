-- A change counter per account, kept by the database in the same statement as every change of the account's posts
-- that a campaign's plan depends on (a post added, deleted, moved to another account or campaign, or its status or
-- times changed). The preview keeps a plan between its pages only while nothing it read has changed: it used to prove
-- that by having PostgreSQL digest every post of the plan's accounts on every page (the 200,000 posts just launched on
-- the same 2,000 accounts, 2 s a page); the sum of the accounts' counters reads a few small rows per account. Every
-- change adds at least 1, so the sum grows with any change and never comes back to an older value. Rows are only
-- added (concurrent changes never wait for one another); publishing.TallyFolding folds each account's rows into one
-- every minute (the sums read the same before and after).
CREATE TABLE account_post_change
(
    account_id BIGINT NOT NULL,
    changes    BIGINT NOT NULL
);
CREATE INDEX account_post_change_account_idx ON account_post_change (account_id) INCLUDE (changes);

CREATE FUNCTION account_post_change_inserted() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO account_post_change (account_id, changes) SELECT account_id, count(*) FROM new_rows GROUP BY account_id;
    RETURN NULL;
END
$$;

CREATE FUNCTION account_post_change_updated() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    -- what the planner reads of another campaign's post: its account, campaign, status and times
    INSERT INTO account_post_change (account_id, changes)
    SELECT account_id, count(*)
    FROM (SELECT o.account_id AS before, n.account_id AS after
          FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE (o.account_id, o.campaign_id, o.status, o.scheduled_at, o.wait_until, o.published_at)
                    IS DISTINCT FROM (n.account_id, n.campaign_id, n.status, n.scheduled_at, n.wait_until, n.published_at))
             changed
             CROSS JOIN LATERAL (VALUES (changed.before), (changed.after)) side(account_id)
    GROUP BY account_id;
    RETURN NULL;
END
$$;

CREATE FUNCTION account_post_change_deleted() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO account_post_change (account_id, changes) SELECT account_id, count(*) FROM old_rows GROUP BY account_id;
    RETURN NULL;
END
$$;

-- every account that ever had a post has a row: each counts one more change (a counter never goes back)
CREATE FUNCTION account_post_change_truncated() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO account_post_change (account_id, changes) SELECT account_id, 1 FROM account_post_change GROUP BY account_id;
    RETURN NULL;
END
$$;

-- the triggers first: they lock campaign_post against writes until the counters below are committed with them
CREATE TRIGGER account_post_change_insert AFTER INSERT ON campaign_post
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION account_post_change_inserted();
CREATE TRIGGER account_post_change_update AFTER UPDATE ON campaign_post
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION account_post_change_updated();
CREATE TRIGGER account_post_change_delete AFTER DELETE ON campaign_post
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION account_post_change_deleted();
CREATE TRIGGER account_post_change_truncate AFTER TRUNCATE ON campaign_post
    FOR EACH STATEMENT EXECUTE FUNCTION account_post_change_truncated();

INSERT INTO account_post_change (account_id, changes) SELECT account_id, count(*) FROM campaign_post GROUP BY account_id;
