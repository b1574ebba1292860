-- Why a post that has not gone out yet waits, and until when, in the operator's words: written by the plan at
-- launch (the spacing after another campaign's post, the daily window, the quota) and by the publish runner when
-- it decides a wait, so every page reads the same truth instead of a task log.
ALTER TABLE campaign_post
    ADD COLUMN wait_reason TEXT,
    ADD COLUMN wait_until  TIMESTAMPTZ;

-- The Overview: the posts scheduled today, and the failed or held posts with their reasons.
CREATE INDEX campaign_post_scheduled_idx ON campaign_post (scheduled_at);
CREATE INDEX campaign_post_trouble_idx ON campaign_post (updated_at) WHERE status IN ('failed', 'paused');
