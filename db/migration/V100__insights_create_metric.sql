-- Insights: what each published post and each account showed on its platform, kept as time series.

-- one row per published post: what to collect next (a decaying schedule), and the latest values for pages
CREATE TABLE insight_post
(
    post_id        BIGINT PRIMARY KEY, -- publishing's post id
    account_id     BIGINT      NOT NULL,
    campaign_id    BIGINT      NOT NULL,
    platform       TEXT        NOT NULL,
    media_id       TEXT        NOT NULL,
    post_type      TEXT        NOT NULL,
    caption        TEXT        NOT NULL DEFAULT '',
    permalink      TEXT,
    published_at   TIMESTAMPTZ NOT NULL,
    next_at        TIMESTAMPTZ, -- null once its schedule is over (or the platform keeps no more)
    collections    INT         NOT NULL DEFAULT 0,
    collected_at   TIMESTAMPTZ,
    problem        TEXT,
    views          BIGINT      NOT NULL DEFAULT 0,
    reach          BIGINT      NOT NULL DEFAULT 0,
    likes          BIGINT      NOT NULL DEFAULT 0,
    comments       BIGINT      NOT NULL DEFAULT 0,
    shares         BIGINT      NOT NULL DEFAULT 0,
    saved          BIGINT      NOT NULL DEFAULT 0,
    interactions   BIGINT      NOT NULL DEFAULT 0,
    avg_watch_ms   BIGINT
);
CREATE INDEX insight_post_due_idx ON insight_post (next_at) WHERE next_at IS NOT NULL;
CREATE INDEX insight_post_account_due_idx ON insight_post (account_id, next_at) WHERE next_at IS NOT NULL;
CREATE INDEX insight_post_campaign_idx ON insight_post (campaign_id, published_at);
CREATE INDEX insight_post_account_idx ON insight_post (account_id, published_at DESC);
CREATE INDEX insight_post_published_idx ON insight_post (published_at);

-- every collection of a post: the series a chart draws
CREATE TABLE insight_post_sample
(
    post_id      BIGINT      NOT NULL,
    collected_at TIMESTAMPTZ NOT NULL,
    views        BIGINT      NOT NULL,
    reach        BIGINT      NOT NULL,
    likes        BIGINT      NOT NULL,
    comments     BIGINT      NOT NULL,
    shares       BIGINT      NOT NULL,
    saved        BIGINT      NOT NULL,
    interactions BIGINT      NOT NULL,
    avg_watch_ms BIGINT,
    PRIMARY KEY (post_id, collected_at)
);

-- the accounts whose daily insights are collected, when next, and why not when they cannot be
CREATE TABLE insight_account
(
    account_id   BIGINT PRIMARY KEY,
    platform     TEXT        NOT NULL,
    next_at      TIMESTAMPTZ NOT NULL,
    collected_at TIMESTAMPTZ,
    problem      TEXT
);
CREATE INDEX insight_account_due_idx ON insight_account (next_at);

-- one row per account and day (UTC)
CREATE TABLE insight_account_day
(
    account_id    BIGINT      NOT NULL,
    day           DATE        NOT NULL,
    followers     BIGINT      NOT NULL,
    reach         BIGINT      NOT NULL,
    views         BIGINT      NOT NULL,
    profile_views BIGINT      NOT NULL,
    engaged       BIGINT      NOT NULL,
    collected_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, day)
);

-- reports generated on a schedule, kept for download
CREATE TABLE insight_report_schedule
(
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    tag        TEXT,
    every      TEXT        NOT NULL CHECK (every IN ('week', 'month')),
    next_at    TIMESTAMPTZ NOT NULL,
    created_by TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE insight_report_file
(
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    schedule_id BIGINT      NOT NULL REFERENCES insight_report_schedule ON DELETE CASCADE,
    period_from DATE        NOT NULL,
    period_to   DATE        NOT NULL,
    pdf         BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX insight_report_file_schedule_idx ON insight_report_file (schedule_id, created_at DESC);
