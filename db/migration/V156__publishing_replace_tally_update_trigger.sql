-- The update trigger of campaign_post_tally (V155) joined the statement's old and new rows by id. Transition tables
-- have no statistics and no index, so PostgreSQL could plan that join as a nested loop: an update of 40,000 held posts
-- (releasing an account's holds) ran for minutes. An update keeps the set of rows, so a campaign's change per status
-- is the count of its new rows with that status minus the count of its old ones: two grouped scans, no join.
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
    RETURN NULL;
END
$$;
