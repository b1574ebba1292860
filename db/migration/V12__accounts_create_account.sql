-- Connected Instagram professional accounts. The token is AES-GCM ciphertext; token_key_id names the key
-- that sealed it, so the key can be rotated.
CREATE TABLE account
(
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    platform_user_id    TEXT        NOT NULL UNIQUE,
    username            TEXT        NOT NULL,
    name                TEXT        NOT NULL DEFAULT '',
    picture_url         TEXT,
    biography           TEXT        NOT NULL DEFAULT '',
    website             TEXT        NOT NULL DEFAULT '',
    followers_count     INT,
    follows_count       INT,
    media_count         INT,
    profile_read_at     TIMESTAMPTZ,
    status              TEXT        NOT NULL DEFAULT 'ACTIVE'
        CHECK (status IN ('ACTIVE', 'NEEDS_RECONNECT', 'RESTRICTED', 'DISABLED')),
    status_reason       TEXT        NOT NULL DEFAULT '',
    status_changed_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    token_ciphertext    BYTEA       NOT NULL,
    token_key_id        TEXT        NOT NULL,
    token_expires_at    TIMESTAMPTZ,
    token_scopes        TEXT,
    token_refreshed_at  TIMESTAMPTZ,
    connected_via       TEXT        NOT NULL CHECK (connected_via IN ('OAUTH', 'TOKEN', 'IMPORT', 'SANDBOX')),
    time_zone           TEXT        NOT NULL DEFAULT 'UTC',
    notes               TEXT        NOT NULL DEFAULT '',
    desired_biography   TEXT,
    desired_website     TEXT,
    drift               TEXT,
    audited_at          TIMESTAMPTZ,
    health_ok           BOOLEAN,
    health_message      TEXT,
    health_at           TIMESTAMPTZ,
    health_requested_at TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- the list's order and keyset, with and without a status filter; text search over name, username, notes
CREATE INDEX account_username_idx ON account (lower(username), id);
CREATE INDEX account_status_idx ON account (status, lower(username), id);
CREATE INDEX account_text_idx ON account USING gin ((username || ' ' || name || ' ' || notes) gin_trgm_ops);

CREATE TABLE account_tag
(
    account_id BIGINT NOT NULL REFERENCES account ON DELETE CASCADE,
    tag        TEXT   NOT NULL CHECK (tag ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
    PRIMARY KEY (account_id, tag)
);
CREATE INDEX account_tag_tag_idx ON account_tag (tag, account_id);

-- the tasks this module submitted for an account (health checks, audits), newest first on its page
CREATE TABLE account_task
(
    account_id   BIGINT      NOT NULL REFERENCES account ON DELETE CASCADE,
    task_id      BIGINT      NOT NULL,
    kind         TEXT        NOT NULL,
    submitted_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, task_id)
);

-- a checked CSV import waiting for the operator's go: rows as JSON with their tokens sealed
CREATE TABLE account_import
(
    id         UUID PRIMARY KEY,
    created_by TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    rows       JSONB       NOT NULL
);
