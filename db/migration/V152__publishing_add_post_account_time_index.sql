-- The calendar filtered to accounts (one account, or a tag's accounts) reads each account's posts of the range
-- from this index instead of every post of those accounts; the account's next posts (grid preview, spacing checks)
-- come in time order from it too.
CREATE INDEX campaign_post_account_scheduled_idx ON campaign_post (account_id, scheduled_at);
