-- Idempotency-Key: the first answer to a POST, per API key; the row is claimed (inserted) in the same transaction as
-- the work it guards, so a replay on any instance waits for the first to commit and then reads its answer.
CREATE TABLE api_idempotency (
    key_id          BIGINT      NOT NULL,
    idempotency_key TEXT        NOT NULL,
    fingerprint     TEXT        NOT NULL,
    status          INT         NOT NULL,
    location        TEXT,
    body            TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (key_id, idempotency_key)
);
CREATE INDEX api_idempotency_created_at ON api_idempotency (created_at);

-- Bucket4j's PostgreSQL proxy manager: one token bucket per API key, shared by every instance.
CREATE TABLE api_rate_bucket (
    id         BIGINT PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
