-- The calendar filtered to accounts (a tag: hundreds of them) numbers and counts their posts per day in one
-- statement; with the post's id and status in the index that reads the index alone (no heap visit per post).
-- Replaces V152's (account_id, scheduled_at), which it serves as well.
CREATE INDEX campaign_post_account_scheduled_id_idx ON campaign_post (account_id, scheduled_at, id) INCLUDE (status);
DROP INDEX campaign_post_account_scheduled_idx;
