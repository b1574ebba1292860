-- Alerts by email and chat: each operator's choices, and what happened (grouped by cause when sent).
CREATE TABLE alert_subscription (
    username    TEXT PRIMARY KEY,
    email       TEXT CHECK (length(email) <= 320),
    chat_url    TEXT CHECK (length(chat_url) <= 2000),
    chat_format TEXT CHECK (chat_format IN ('SLACK', 'TEAMS')),
    kinds       TEXT[]      NOT NULL DEFAULT '{}',
    digest      BOOLEAN     NOT NULL DEFAULT FALSE,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE alert_item (
    id         BIGSERIAL PRIMARY KEY,
    kind       TEXT        NOT NULL,
    cause      TEXT        NOT NULL,
    count      INT         NOT NULL,
    link       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at    TIMESTAMPTZ
);
CREATE INDEX alert_item_unsent ON alert_item (id) WHERE sent_at IS NULL;
CREATE INDEX alert_item_created_at ON alert_item (created_at);
