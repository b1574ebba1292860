-- In-app notifications: one row per operator told something (a review asked of them, changes asked on their campaign).
CREATE TABLE notification
(
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    operator   TEXT        NOT NULL,
    text       TEXT        NOT NULL,
    link       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    read_at    TIMESTAMPTZ
);
CREATE INDEX notification_unread_idx ON notification (operator, id DESC) WHERE read_at IS NULL;
CREATE INDEX notification_operator_idx ON notification (operator, id DESC);
