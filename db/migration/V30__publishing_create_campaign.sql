-- Campaigns: media × accounts × captions × schedule, and the posts they were planned into.
CREATE TABLE campaign
(
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT        NOT NULL,
    status      TEXT        NOT NULL CHECK (status IN ('running', 'paused', 'finished', 'cancelled')),
    -- the campaign as the operator chose it (targets, media, captions, assignment, schedule, options)
    spec        JSONB       NOT NULL,
    post_type   TEXT        NOT NULL,
    created_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    first_at    TIMESTAMPTZ NOT NULL,
    last_at     TIMESTAMPTZ NOT NULL,
    paused_at   TIMESTAMPTZ,
    finished_at TIMESTAMPTZ
);
CREATE INDEX campaign_recent_idx ON campaign (id DESC);

-- One post: who publishes which media when, and how far it got. The container id is stored before
-- anything else happens with it, so a retry after a crash asks the platform about that container instead
-- of publishing again.
CREATE TABLE campaign_post
(
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id          BIGINT      NOT NULL REFERENCES campaign (id),
    number               INT         NOT NULL,
    account_id           BIGINT      NOT NULL,
    media_ids            BIGINT[]    NOT NULL,
    caption              TEXT        NOT NULL,
    scheduled_at         TIMESTAMPTZ NOT NULL,
    status               TEXT        NOT NULL CHECK (status IN ('scheduled', 'waiting_quota', 'processing',
                                                                'publishing', 'published', 'paused', 'failed',
                                                                'cancelled')),
    status_reason        TEXT,
    -- why a paused post is held: its account cannot publish, or its egress route is down
    held_for             TEXT CHECK (held_for IN ('account', 'route')),
    container_id         TEXT,
    child_container_ids  TEXT[],
    container_created_at TIMESTAMPTZ,
    polls                INT         NOT NULL DEFAULT 0,
    publish_requested_at TIMESTAMPTZ,
    platform_media_id    TEXT,
    permalink            TEXT,
    published_at         TIMESTAMPTZ,
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (campaign_id, number)
);
CREATE INDEX campaign_post_campaign_idx ON campaign_post (campaign_id, id);
CREATE INDEX campaign_post_account_idx ON campaign_post (account_id, status);
CREATE INDEX campaign_post_held_idx ON campaign_post (held_for, updated_at) WHERE status = 'paused';
CREATE INDEX campaign_post_published_idx ON campaign_post (account_id, published_at DESC) WHERE published_at IS NOT NULL;
