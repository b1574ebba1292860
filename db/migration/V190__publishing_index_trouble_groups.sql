-- The Overview's failed and held posts, grouped by campaign, status and reason with their accounts, read from this
-- index alone in its order: one streaming aggregate without a sort, a hash table or a visit to the table. With the
-- posts' own rows it hashed and read 40,000 troubled posts of the pages benchmark on every load (0.4 s of its 0.8 s
-- on the server). status_reason is bounded where posts are written (PostRepository.REASON_CHARS), so an entry
-- always fits in the index; reasons written before that are cut here the same way (600 characters at most, 2,400
-- bytes), or the index could not be made.
UPDATE campaign_post SET status_reason = left(status_reason, 599) || '…' WHERE char_length(status_reason) > 600;
CREATE INDEX campaign_post_trouble_group_idx ON campaign_post (campaign_id, status, status_reason, account_id)
    INCLUDE (updated_at) WHERE status IN ('failed', 'paused');
