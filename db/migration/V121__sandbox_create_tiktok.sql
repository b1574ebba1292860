-- The TikTok sandbox: creators, their tokens and codes, the posts initialised through the Content Posting API
-- (the sandbox's own record of what it published), the calls counted for the per-token rate limits, injected faults
-- and the sandbox's knobs (one row). Latency and processing delay are the Graph sandbox's (sandbox_settings).
CREATE TABLE sandbox_tiktok_user (
    id               BIGSERIAL PRIMARY KEY,
    open_id          TEXT        NOT NULL UNIQUE,
    username         TEXT        NOT NULL UNIQUE,
    nickname         TEXT        NOT NULL,
    privacy_options  TEXT[]      NOT NULL DEFAULT '{PUBLIC_TO_EVERYONE,MUTUAL_FOLLOW_FRIENDS,FOLLOWER_OF_CREATOR,SELF_ONLY}',
    max_duration_sec INT         NOT NULL DEFAULT 600,
    comment_disabled BOOLEAN     NOT NULL DEFAULT false,
    duet_disabled    BOOLEAN     NOT NULL DEFAULT false,
    stitch_disabled  BOOLEAN     NOT NULL DEFAULT false,
    followers        INT         NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE sandbox_tiktok_token (
    access_token       TEXT PRIMARY KEY,
    refresh_token      TEXT        NOT NULL UNIQUE,
    user_id            BIGINT      NOT NULL REFERENCES sandbox_tiktok_user (id),
    scopes             TEXT        NOT NULL,
    expires_at         TIMESTAMPTZ NOT NULL,
    refresh_expires_at TIMESTAMPTZ NOT NULL,
    revoked_at         TIMESTAMPTZ
);
CREATE INDEX sandbox_tiktok_token_user_idx ON sandbox_tiktok_token (user_id);

CREATE TABLE sandbox_tiktok_code (
    code         TEXT PRIMARY KEY,
    user_id      BIGINT      NOT NULL REFERENCES sandbox_tiktok_user (id),
    redirect_uri TEXT        NOT NULL,
    scopes       TEXT        NOT NULL,
    used_at      TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE sandbox_tiktok_publish (
    id             BIGSERIAL PRIMARY KEY,
    publish_id     TEXT        NOT NULL UNIQUE,
    user_id        BIGINT      NOT NULL REFERENCES sandbox_tiktok_user (id),
    mode           TEXT        NOT NULL CHECK (mode IN ('DIRECT_POST', 'INBOX')),
    source         TEXT        NOT NULL CHECK (source IN ('PULL_FROM_URL', 'FILE_UPLOAD')),
    video_url      TEXT,
    video_size     BIGINT,
    uploaded_bytes BIGINT      NOT NULL DEFAULT 0,
    title          TEXT        NOT NULL,
    post_info      JSONB       NOT NULL,
    status         TEXT        NOT NULL,
    fail_reason    TEXT,
    post_id        TEXT UNIQUE,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at   TIMESTAMPTZ
);
CREATE INDEX sandbox_tiktok_publish_user_idx ON sandbox_tiktok_publish (user_id, created_at);

CREATE TABLE sandbox_tiktok_call (
    user_id  BIGINT      NOT NULL,
    endpoint TEXT        NOT NULL,
    at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX sandbox_tiktok_call_idx ON sandbox_tiktok_call (user_id, endpoint, at);

CREATE TABLE sandbox_tiktok_fault (
    id         BIGSERIAL PRIMARY KEY,
    code       TEXT        NOT NULL,
    endpoint   TEXT        NOT NULL,
    user_id    BIGINT,
    remaining  INT         NOT NULL CHECK (remaining >= 0),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE sandbox_tiktok_behaviour (
    id          INT PRIMARY KEY CHECK (id = 1),
    daily_cap   INT     NOT NULL DEFAULT 15 CHECK (daily_cap > 0),
    rate_limits BOOLEAN NOT NULL DEFAULT true
);
INSERT INTO sandbox_tiktok_behaviour (id) VALUES (1);
