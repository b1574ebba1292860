CREATE TABLE operator
(
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      TEXT        NOT NULL,
    password_hash TEXT        NOT NULL,
    role          TEXT        NOT NULL CHECK (role IN ('ADMIN', 'OPERATOR', 'VIEWER')),
    enabled       BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_login_at TIMESTAMPTZ,
    CONSTRAINT operator_username_format CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,39}$')
);
CREATE UNIQUE INDEX operator_username_key ON operator (username);

-- Failed sign-ins per username (whether or not it exists), shared by every instance.
CREATE TABLE login_throttle
(
    username        TEXT PRIMARY KEY,
    failures        INT         NOT NULL DEFAULT 0,
    last_failure_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    locked_until    TIMESTAMPTZ
);

-- Who changed what: operator management and sign-in events.
CREATE TABLE audit_event
(
    id     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor  TEXT        NOT NULL,
    action TEXT        NOT NULL,
    target TEXT,
    detail TEXT
);
CREATE INDEX audit_event_at_idx ON audit_event (at DESC);
