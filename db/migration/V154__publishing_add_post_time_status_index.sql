-- Posts of a time range by status (the Overview's posts of today, the calendar's counts per day) are read from the
-- index alone; it serves every query the index on scheduled_at alone served.
CREATE INDEX campaign_post_scheduled_status_idx ON campaign_post (scheduled_at, status);
DROP INDEX campaign_post_scheduled_idx;
