-- Egress proxies: the servers' outbound route to the Graph API. The password is AES-GCM ciphertext;
-- password_key_id names the key that sealed it. status is the verdict of the latest diagnostics run.
CREATE TABLE proxy
(
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    label               TEXT        NOT NULL CHECK (length(label) BETWEEN 1 AND 60),
    scheme              TEXT        NOT NULL CHECK (scheme IN ('HTTP', 'HTTPS', 'SOCKS5')),
    host                TEXT        NOT NULL,
    port                INT         NOT NULL CHECK (port BETWEEN 1 AND 65535),
    username            TEXT,
    password_ciphertext BYTEA,
    password_key_id     TEXT,
    region              TEXT        NOT NULL DEFAULT '',
    enabled             BOOLEAN     NOT NULL DEFAULT true,
    status              TEXT        NOT NULL DEFAULT 'UNTESTED'
        CHECK (status IN ('UNTESTED', 'HEALTHY', 'DEGRADED', 'DOWN')),
    status_reason       TEXT        NOT NULL DEFAULT '',
    status_changed_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    failures_in_a_row   INT         NOT NULL DEFAULT 0,
    checked_at          TIMESTAMPTZ,
    latency_ms          INT,
    exit_ip             TEXT,
    check_requested_at  TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((password_ciphertext IS NULL) = (password_key_id IS NULL)),
    CHECK (password_ciphertext IS NULL OR username IS NOT NULL)
);
-- the list's order and keyset (labels are unique regardless of case), with and without a status filter
CREATE UNIQUE INDEX proxy_label_key ON proxy (lower(label));
CREATE UNIQUE INDEX proxy_endpoint_key ON proxy (scheme, lower(host), port, coalesce(username, ''));
CREATE INDEX proxy_status_idx ON proxy (status, lower(label));

CREATE TABLE proxy_tag
(
    proxy_id BIGINT NOT NULL REFERENCES proxy ON DELETE CASCADE,
    tag      TEXT   NOT NULL CHECK (tag ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
    PRIMARY KEY (proxy_id, tag)
);
CREATE INDEX proxy_tag_tag_idx ON proxy_tag (tag, proxy_id);

-- every diagnostics run, newest first per proxy; pruned after the retention
CREATE TABLE proxy_check
(
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    proxy_id        BIGINT      NOT NULL REFERENCES proxy ON DELETE CASCADE,
    task_id         BIGINT,
    checked_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    outcome         TEXT        NOT NULL CHECK (outcome IN ('OK', 'CONNECT_FAILED', 'PROXY_TLS_FAILED',
                                                            'HANDSHAKE_FAILED', 'AUTH_FAILED', 'TLS_FAILED',
                                                            'PROBE_FAILED')),
    status          TEXT        NOT NULL CHECK (status IN ('HEALTHY', 'DEGRADED', 'DOWN')),
    connect_ms      INT,
    handshake_ms    INT,
    tls_ms          INT,
    latency_ms      INT,
    exit_ip         TEXT,
    exit_ip_changed BOOLEAN     NOT NULL DEFAULT false,
    message         TEXT        NOT NULL
);
CREATE INDEX proxy_check_proxy_idx ON proxy_check (proxy_id, checked_at DESC);
CREATE INDEX proxy_check_checked_at_idx ON proxy_check (checked_at);

-- the accounts whose calls go out through a proxy of their own (account ids belong to the accounts module,
-- hence no foreign key); a proxy cannot be deleted while accounts use it
CREATE TABLE proxy_assignment
(
    account_id  BIGINT PRIMARY KEY,
    proxy_id    BIGINT      NOT NULL REFERENCES proxy,
    assigned_by TEXT        NOT NULL,
    assigned_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX proxy_assignment_proxy_idx ON proxy_assignment (proxy_id, account_id);

-- one row: the default proxy, a version every routing change bumps (instances compare one number to know
-- whether their cached routes are current), and when the scheduled diagnostics last ran cluster-wide
CREATE TABLE proxy_routing
(
    id                 BOOLEAN PRIMARY KEY DEFAULT true CHECK (id),
    default_proxy_id   BIGINT REFERENCES proxy,
    version            BIGINT      NOT NULL DEFAULT 0,
    diagnostics_run_at TIMESTAMPTZ,
    updated_by         TEXT        NOT NULL DEFAULT '',
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO proxy_routing DEFAULT VALUES;

-- a checked import waiting for the operator's go: rows as JSON with their passwords sealed
CREATE TABLE proxy_import
(
    id         UUID PRIMARY KEY,
    created_by TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    rows       JSONB       NOT NULL
);
