-- How many accounts are in each status, kept by the database in the same statement as every change of account: the
-- Overview and the accounts page count them on every load, which read every account (10,000 in the pages benchmark).
-- Rows are only added, never updated (concurrent changes never wait for one another), and only when a status
-- changes; accounts.AccountTallyFolding folds them into one per status every minute.
CREATE TABLE account_status_tally
(
    status   TEXT   NOT NULL,
    accounts BIGINT NOT NULL
);

CREATE FUNCTION account_status_tally_inserted() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO account_status_tally (status, accounts) SELECT status, count(*) FROM new_rows GROUP BY 1;
    RETURN NULL;
END
$$;

CREATE FUNCTION account_status_tally_updated() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO account_status_tally (status, accounts)
    SELECT status, sum(delta)
    FROM (SELECT status, -count(*) AS delta FROM old_rows GROUP BY 1
          UNION ALL
          SELECT status, count(*) FROM new_rows GROUP BY 1) change
    GROUP BY status
    HAVING sum(delta) <> 0;
    RETURN NULL;
END
$$;

CREATE FUNCTION account_status_tally_deleted() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO account_status_tally (status, accounts) SELECT status, -count(*) FROM old_rows GROUP BY 1;
    RETURN NULL;
END
$$;

CREATE FUNCTION account_status_tally_truncated() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    DELETE FROM account_status_tally;
    RETURN NULL;
END
$$;

-- the triggers first: they lock account against writes until the counts below are committed with them
CREATE TRIGGER account_status_tally_insert AFTER INSERT ON account
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION account_status_tally_inserted();
CREATE TRIGGER account_status_tally_update AFTER UPDATE ON account
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION account_status_tally_updated();
CREATE TRIGGER account_status_tally_delete AFTER DELETE ON account
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION account_status_tally_deleted();
CREATE TRIGGER account_status_tally_truncate AFTER TRUNCATE ON account
    FOR EACH STATEMENT EXECUTE FUNCTION account_status_tally_truncated();

INSERT INTO account_status_tally (status, accounts) SELECT status, count(*) FROM account GROUP BY 1;
