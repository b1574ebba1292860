-- The best and weakest posts of a campaign, and a report's best posts, read from an index in reach order instead of
-- sorting every post of the set at each request. Only measured posts are ranked.
CREATE INDEX insight_post_reach_idx ON insight_post (reach DESC, post_id DESC) WHERE collections > 0;
CREATE INDEX insight_post_campaign_reach_idx ON insight_post (campaign_id, reach, post_id) WHERE collections > 0;
