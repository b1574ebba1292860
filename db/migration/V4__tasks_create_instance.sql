-- The instance registry: every running Switchboard process heartbeats here.
CREATE TABLE instance
(
    id           UUID PRIMARY KEY,
    host         TEXT        NOT NULL,
    version      TEXT        NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    heartbeat_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    stopped_at   TIMESTAMPTZ,
    queues       TEXT[]      NOT NULL DEFAULT '{}',
    running      INT         NOT NULL DEFAULT 0
);
CREATE INDEX instance_heartbeat_at_idx ON instance (heartbeat_at);

-- ShedLock: cluster-wide housekeeping runs on one instance at a time (time from the database).
CREATE TABLE shedlock
(
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until TIMESTAMPTZ  NOT NULL,
    locked_at  TIMESTAMPTZ  NOT NULL,
    locked_by  VARCHAR(255) NOT NULL
);
