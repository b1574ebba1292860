-- Every option a container was made with (cover_url, thumb_offset, alt_text, location_id, user_tags,
-- collaborators, audio_name, trial_params), as sent, so tests and the sandbox's post page show what reached the
-- platform; a published media keeps its container's options.
ALTER TABLE sandbox_container ADD COLUMN options JSONB NOT NULL DEFAULT '{}';

-- comments on published media (POST /{ig-media-id}/comments), as Meta keeps them
CREATE TABLE sandbox_comment
(
    id         BIGINT PRIMARY KEY DEFAULT nextval('sandbox_object_id'),
    media_id   BIGINT      NOT NULL REFERENCES sandbox_media ON DELETE CASCADE,
    account_id BIGINT      NOT NULL REFERENCES sandbox_account ON DELETE CASCADE,
    text       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX sandbox_comment_media_idx ON sandbox_comment (media_id, id);
