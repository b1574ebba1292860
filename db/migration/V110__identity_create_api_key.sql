-- API keys for /api/v1: the secret is shown once and only its SHA-256 is kept (the secret is 256 random bits, so a
-- fast hash is enough and lets each request find its key by an index lookup). Scopes nest: read < publish < admin.
CREATE TABLE api_key (
    id                  BIGSERIAL PRIMARY KEY,
    name                TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    prefix              TEXT        NOT NULL,
    secret_hash         TEXT        NOT NULL UNIQUE,
    scope               TEXT        NOT NULL CHECK (scope IN ('READ', 'PUBLISH', 'ADMIN')),
    requests_per_minute INT         NOT NULL CHECK (requests_per_minute BETWEEN 1 AND 100000),
    created_by          TEXT        NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at          TIMESTAMPTZ,
    revoked_at          TIMESTAMPTZ,
    revoked_by          TEXT,
    last_used_at        TIMESTAMPTZ
);
CREATE UNIQUE INDEX api_key_live_name ON api_key (lower(name)) WHERE revoked_at IS NULL;
