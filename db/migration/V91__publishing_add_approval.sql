-- Approvals: a campaign that needs approval waits in review (its posts planned, nothing submitted to the task engine)
-- until someone other than its author approves it, or asks for changes. Comments on the campaign and on its posts,
-- from operators and from clients through a review link.
ALTER TABLE campaign DROP CONSTRAINT campaign_status_check;
ALTER TABLE campaign
    ADD CONSTRAINT campaign_status_check
        CHECK (status IN ('in_review', 'changes_requested', 'running', 'paused', 'finished', 'cancelled')),
    ADD COLUMN approval_required BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN decided_by        TEXT,
    ADD COLUMN decided_at        TIMESTAMPTZ;

CREATE TABLE campaign_comment
(
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id BIGINT      NOT NULL REFERENCES campaign (id),
    post_id     BIGINT REFERENCES campaign_post (id),
    author      TEXT        NOT NULL,
    -- 'approved' or 'changes_requested' when the comment came with a decision
    decision    TEXT CHECK (decision IN ('approved', 'changes_requested', 'submitted')),
    body        TEXT        NOT NULL,
    at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX campaign_comment_campaign_idx ON campaign_comment (campaign_id, id);
CREATE INDEX campaign_in_review_idx ON campaign (id) WHERE status = 'in_review';

-- A link a client opens without signing in to review one campaign: only the SHA-256 of its secret is kept.
CREATE TABLE review_link
(
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id BIGINT      NOT NULL REFERENCES campaign (id),
    token_hash  BYTEA       NOT NULL UNIQUE,
    created_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ NOT NULL,
    revoked_at  TIMESTAMPTZ,
    uses        INT         NOT NULL DEFAULT 0
);
CREATE INDEX review_link_campaign_idx ON review_link (campaign_id, id);
