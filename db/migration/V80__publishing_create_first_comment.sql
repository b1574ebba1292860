-- A post's first comment, posted right after the post is published, exactly once even across crashes: the
-- request is recorded before the call that comments, and the comment id is stored as soon as the platform hands
-- it back; a run that finds the request recorded without an id looks among the post's comments before commenting.
CREATE TABLE post_first_comment
(
    post_id      BIGINT PRIMARY KEY REFERENCES campaign_post (id) ON DELETE CASCADE,
    message      TEXT        NOT NULL CHECK (length(message) BETWEEN 1 AND 2200),
    status       TEXT        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'posted', 'failed')),
    requested_at TIMESTAMPTZ,
    comment_id   TEXT,
    error        TEXT,
    posted_at    TIMESTAMPTZ,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX post_first_comment_pending_idx ON post_first_comment (updated_at) WHERE status <> 'posted';

-- Crash recovery asks whether a platform post is already recorded for another post before matching it.
CREATE INDEX campaign_post_platform_media_idx ON campaign_post (platform_media_id) WHERE platform_media_id IS NOT NULL;
