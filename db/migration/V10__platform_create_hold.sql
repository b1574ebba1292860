-- Hold-offs of Graph API calls, shared by every instance. While one is in force, the client makes no call
-- for its scope: the whole app ('app') or one Instagram account ('user:<ig-user-id>').
CREATE TABLE platform_hold
(
    scope      TEXT PRIMARY KEY,
    until      TIMESTAMPTZ NOT NULL,
    reason     TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
