-- The offline emulator of the Graph API. Every piece of its state is here, so any instance serves any
-- sandbox request and several instances form one consistent sandbox.

-- numeric ids like Meta's, unique across accounts, containers, media and hashtags (GET /{id} finds any)
CREATE SEQUENCE sandbox_object_id START WITH 17841400000000001;

CREATE TABLE sandbox_account
(
    id                  BIGINT PRIMARY KEY DEFAULT nextval('sandbox_object_id'),
    username            TEXT        NOT NULL UNIQUE,
    name                TEXT        NOT NULL,
    biography           TEXT        NOT NULL DEFAULT '',
    website             TEXT        NOT NULL DEFAULT '',
    followers_count     INT         NOT NULL DEFAULT 0,
    follows_count       INT         NOT NULL DEFAULT 0,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- tokens are kept as SHA-256 hashes: the sandbox recognises them without storing them
CREATE TABLE sandbox_token
(
    token_hash BYTEA PRIMARY KEY,
    account_id BIGINT      NOT NULL REFERENCES sandbox_account ON DELETE CASCADE,
    long_lived BOOLEAN     NOT NULL,
    scopes     TEXT        NOT NULL,
    issued_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX sandbox_token_account_idx ON sandbox_token (account_id);

CREATE TABLE sandbox_oauth_code
(
    code_hash    BYTEA PRIMARY KEY,
    account_id   BIGINT      NOT NULL REFERENCES sandbox_account ON DELETE CASCADE,
    redirect_uri TEXT        NOT NULL,
    scopes       TEXT        NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    used_at      TIMESTAMPTZ
);

-- media containers; the status is computed on read from these timestamps (no timers)
CREATE TABLE sandbox_container
(
    id               BIGINT PRIMARY KEY DEFAULT nextval('sandbox_object_id'),
    account_id       BIGINT      NOT NULL REFERENCES sandbox_account ON DELETE CASCADE,
    media_type       TEXT        NOT NULL CHECK (media_type IN ('IMAGE', 'VIDEO', 'REELS', 'STORIES', 'CAROUSEL')),
    carousel_item    BOOLEAN     NOT NULL DEFAULT FALSE,
    video            BOOLEAN     NOT NULL DEFAULT FALSE,
    media_url        TEXT,
    resumable        BOOLEAN     NOT NULL DEFAULT FALSE,
    caption          TEXT,
    children         BIGINT[],
    share_to_feed    BOOLEAN,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- the processing delay in force at creation, as a time
    ready_not_before TIMESTAMPTZ NOT NULL,
    -- the media was fetched and checked (or the fetch failed) at
    checked_at       TIMESTAMPTZ,
    error_code       INT,
    error_subcode    INT,
    error_message    TEXT,
    published_at     TIMESTAMPTZ
);
CREATE INDEX sandbox_container_account_idx ON sandbox_container (account_id, created_at);

-- every publish: one row per published container (a container is published at most once, like Meta's)
CREATE TABLE sandbox_media
(
    id           BIGINT PRIMARY KEY DEFAULT nextval('sandbox_object_id'),
    account_id   BIGINT      NOT NULL REFERENCES sandbox_account ON DELETE CASCADE,
    container_id BIGINT      NOT NULL UNIQUE REFERENCES sandbox_container ON DELETE CASCADE,
    media_type   TEXT        NOT NULL,
    media_url    TEXT,
    caption      TEXT,
    published_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX sandbox_media_account_idx ON sandbox_media (account_id, published_at DESC, id DESC);

CREATE TABLE sandbox_hashtag
(
    id   BIGINT PRIMARY KEY DEFAULT nextval('sandbox_object_id'),
    name TEXT NOT NULL UNIQUE
);

-- what a fetched file was found to be, by content: the same bytes are probed once
CREATE TABLE sandbox_media_check
(
    sha256        BYTEA       NOT NULL,
    kind          TEXT        NOT NULL,
    error_code    INT,
    error_subcode INT,
    error_message TEXT,
    checked_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (sha256, kind)
);

-- runtime behaviour set from the Sandbox page or tests; one row
CREATE TABLE sandbox_setting
(
    id                  INT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    latency_ms          INT         NOT NULL DEFAULT 0 CHECK (latency_ms BETWEEN 0 AND 60000),
    processing_delay_ms INT         NOT NULL DEFAULT 3000 CHECK (processing_delay_ms BETWEEN 0 AND 3600000),
    publish_quota       INT         NOT NULL DEFAULT 50 CHECK (publish_quota BETWEEN 0 AND 10000),
    hourly_call_budget  INT         NOT NULL DEFAULT 4800 CHECK (hourly_call_budget >= 1),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_by          TEXT        NOT NULL DEFAULT 'system'
);
INSERT INTO sandbox_setting (id) VALUES (1);

-- injected errors: each matching call fails with this code at this rate, for the next `remaining` calls
-- (or until removed when null)
CREATE TABLE sandbox_fault
(
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code       INT              NOT NULL,
    subcode    INT,
    call       TEXT             NOT NULL DEFAULT 'any',
    account_id BIGINT,
    rate       DOUBLE PRECISION NOT NULL CHECK (rate > 0 AND rate <= 1),
    remaining  INT CHECK (remaining >= 0),
    created_at TIMESTAMPTZ      NOT NULL DEFAULT now()
);

-- usage reported in the headers is at least this percentage: scope 'app', 'accounts' (each account) or an
-- account id; at 100 the sandbox throttles that scope
CREATE TABLE sandbox_usage_floor
(
    scope          TEXT PRIMARY KEY,
    percent        INT NOT NULL CHECK (percent BETWEEN 0 AND 100),
    regain_minutes INT NOT NULL DEFAULT 10 CHECK (regain_minutes >= 0)
);

-- calls per minute, per account and for the whole app (scope 0): the usage the headers report
CREATE TABLE sandbox_usage
(
    scope  BIGINT      NOT NULL,
    minute TIMESTAMPTZ NOT NULL,
    calls  INT         NOT NULL,
    PRIMARY KEY (scope, minute)
);
