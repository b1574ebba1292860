-- Bucket4j's PostgreSQL proxy manager: one token bucket per client review link, shared by every instance, so a
-- link's uses a minute hold however many instances serve it (it was counted per instance before).
CREATE TABLE review_link_bucket (
    id         BIGINT PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
