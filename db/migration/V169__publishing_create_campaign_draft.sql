-- A campaign planned by the preview, kept so that its pages read 50 planned posts instead of planning the whole
-- campaign again (200,000 posts), and so that the launch turns it into posts with INSERT ... SELECT. A draft belongs
-- to the operator who previewed it and to the form they submitted (spec_hash), and to the state of the database the
-- plan read (basis: a digest of the accounts, their holds, quotas and other campaigns' posts, and the media): when
-- either differs, the preview plans again and the launch refuses it. Drafts are short-lived (publishing.DraftSweeping
-- deletes them after an hour) and an operator keeps at most a few.
CREATE TABLE campaign_draft
(
    id         UUID PRIMARY KEY,
    created_by TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    spec_hash  TEXT        NOT NULL,
    basis      TEXT        NOT NULL,
    replacing  BIGINT,
    posts      INT         NOT NULL,
    errors     INT         NOT NULL,
    warnings   INT         NOT NULL,
    first_at   TIMESTAMPTZ,
    last_at    TIMESTAMPTZ,
    -- the problems by kind with their first examples, and the posts per day: what the preview shows above the posts
    summary    JSONB       NOT NULL
);
CREATE INDEX campaign_draft_owner_idx ON campaign_draft (created_by, created_at);
CREATE INDEX campaign_draft_created_idx ON campaign_draft (created_at);

CREATE TABLE campaign_draft_post
(
    draft_id   UUID        NOT NULL REFERENCES campaign_draft (id) ON DELETE CASCADE,
    number     INT         NOT NULL,
    account_id BIGINT      NOT NULL,
    media_ids  BIGINT[]    NOT NULL,
    caption    TEXT        NOT NULL,
    at         TIMESTAMPTZ NOT NULL,
    waits_for  TEXT,
    PRIMARY KEY (draft_id, number)
);

CREATE TABLE campaign_draft_problem
(
    draft_id    UUID     NOT NULL REFERENCES campaign_draft (id) ON DELETE CASCADE,
    seq         INT      NOT NULL,
    severity    TEXT     NOT NULL,
    message     TEXT     NOT NULL,
    account_ids BIGINT[] NOT NULL,
    post_number INT,
    label       TEXT,
    PRIMARY KEY (draft_id, seq)
);
CREATE INDEX campaign_draft_problem_post_idx ON campaign_draft_problem (draft_id, post_number);
