-- How many accounts carry each tag, kept by the database in the same statement as every change of account_tag: the
-- accounts page's tag filter shows the counts on every load, which read every account's tags (10,000 accounts in the
-- pages benchmark). Rows are only added, never updated (concurrent changes never wait for one another);
-- accounts.AccountTallyFolding folds them into one per tag every minute.
CREATE TABLE account_tag_tally
(
    tag      TEXT   NOT NULL,
    accounts BIGINT NOT NULL
);
CREATE INDEX account_tag_tally_tag_idx ON account_tag_tally (tag) INCLUDE (accounts);

CREATE FUNCTION account_tag_tally_inserted() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO account_tag_tally (tag, accounts) SELECT tag, count(*) FROM new_rows GROUP BY 1;
    RETURN NULL;
END
$$;

CREATE FUNCTION account_tag_tally_updated() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO account_tag_tally (tag, accounts)
    SELECT tag, sum(delta)
    FROM (SELECT tag, -count(*) AS delta FROM old_rows GROUP BY 1
          UNION ALL
          SELECT tag, count(*) FROM new_rows GROUP BY 1) change
    GROUP BY tag
    HAVING sum(delta) <> 0;
    RETURN NULL;
END
$$;

CREATE FUNCTION account_tag_tally_deleted() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO account_tag_tally (tag, accounts) SELECT tag, -count(*) FROM old_rows GROUP BY 1;
    RETURN NULL;
END
$$;

CREATE FUNCTION account_tag_tally_truncated() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    DELETE FROM account_tag_tally;
    RETURN NULL;
END
$$;

-- the triggers first: they lock account_tag against writes until the counts below are committed with them
CREATE TRIGGER account_tag_tally_insert AFTER INSERT ON account_tag
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION account_tag_tally_inserted();
CREATE TRIGGER account_tag_tally_update AFTER UPDATE ON account_tag
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION account_tag_tally_updated();
CREATE TRIGGER account_tag_tally_delete AFTER DELETE ON account_tag
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION account_tag_tally_deleted();
CREATE TRIGGER account_tag_tally_truncate AFTER TRUNCATE ON account_tag
    FOR EACH STATEMENT EXECUTE FUNCTION account_tag_tally_truncated();

INSERT INTO account_tag_tally (tag, accounts) SELECT tag, count(*) FROM account_tag GROUP BY 1;
