-- An account import being checked by a background task (each token live against the platform) instead of inside
-- one HTTP request: the uploaded file waits here sealed like a token until the task has read it, then the outcome
-- (rows and problems, never a token) waits for the operator's page. Kept an hour, like pending imports.
CREATE TABLE account_import_check
(
    id            UUID PRIMARY KEY,
    created_by    TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    task_id       BIGINT,
    source_key_id TEXT,
    source        BYTEA,
    preview       JSONB
);
CREATE INDEX account_import_check_created_at_idx ON account_import_check (created_at);
