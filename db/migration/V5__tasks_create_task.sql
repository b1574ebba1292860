-- The durable task engine. One row per task; it stays after it finishes until pruned (retention).
-- States: scheduled (waiting for run_at: first run or retry back-off), queued (due, claimable), running
-- (claimed under a lease), succeeded, failed, cancelled.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE task
(
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind              TEXT        NOT NULL,
    queue             TEXT        NOT NULL,
    state             TEXT        NOT NULL
        CHECK (state IN ('scheduled', 'queued', 'running', 'succeeded', 'failed', 'cancelled')),
    priority          SMALLINT    NOT NULL DEFAULT 0,
    run_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    payload           JSONB       NOT NULL,
    attempt           INT         NOT NULL DEFAULT 0,
    max_attempts      INT         NOT NULL CHECK (max_attempts >= 1),
    concurrency_key   TEXT,
    concurrency_limit INT CHECK (concurrency_limit >= 1),
    unique_key        TEXT,
    group_key         TEXT,
    locked_by         UUID,
    lease_token       UUID,
    lease_until       TIMESTAMPTZ,
    cancel_requested  BOOLEAN     NOT NULL DEFAULT FALSE,
    progress_done     BIGINT,
    progress_total    BIGINT,
    counters          JSONB,
    last_error        TEXT,
    -- one entry per attempt that did not succeed: {attempt, at, instance, error}
    errors            JSONB,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    CHECK ((concurrency_key IS NULL) = (concurrency_limit IS NULL))
) WITH (fillfactor = 85);

-- claiming: due tasks of a queue in priority, then run_at order
CREATE INDEX task_claim_idx ON task (queue, priority DESC, run_at, id) WHERE state = 'queued';
-- promotion of scheduled tasks whose run_at has come
CREATE INDEX task_scheduled_idx ON task (run_at) WHERE state = 'scheduled';
-- leases: heartbeats, rescue, graceful hand-back
CREATE INDEX task_running_idx ON task (locked_by) WHERE state = 'running';
-- no second live task with the same unique key
CREATE UNIQUE INDEX task_unique_key_idx ON task (unique_key)
    WHERE unique_key IS NOT NULL AND state IN ('scheduled', 'queued', 'running');
-- the dashboard's filters, each with id for keyset pagination (newest first). The finished ones are
-- partial: a task gets its entry once, when it finishes, not at every state change on its way there
-- (live tasks are few and found through the indexes above).
CREATE INDEX task_finished_idx ON task (state, id) WHERE state IN ('succeeded', 'failed', 'cancelled');
CREATE INDEX task_finished_kind_idx ON task (kind, id) WHERE state IN ('succeeded', 'failed', 'cancelled');
CREATE INDEX task_finished_queue_idx ON task (queue, id) WHERE state IN ('succeeded', 'failed', 'cancelled');
CREATE INDEX task_unique_key_all_idx ON task (unique_key, id) WHERE unique_key IS NOT NULL;
CREATE INDEX task_group_idx ON task (group_key, id) WHERE group_key IS NOT NULL;
CREATE INDEX task_concurrency_key_idx ON task (concurrency_key, id) WHERE concurrency_key IS NOT NULL;
CREATE INDEX task_last_error_idx ON task USING gin (last_error gin_trgm_ops) WHERE last_error IS NOT NULL;

-- Per-key concurrency: how many tasks with this key run now, cluster-wide, and how many may.
-- Claims take the row lock to increment; every transition out of running decrements in the same transaction.
CREATE TABLE task_concurrency
(
    concurrency_key TEXT PRIMARY KEY,
    running         INT NOT NULL DEFAULT 0 CHECK (running >= 0),
    max_running     INT NOT NULL CHECK (max_running >= 1)
);

-- Queues paused cluster-wide.
CREATE TABLE task_queue
(
    name      TEXT PRIMARY KEY,
    paused    BOOLEAN     NOT NULL DEFAULT FALSE,
    paused_at TIMESTAMPTZ,
    paused_by TEXT
);

-- Groups of tasks (a campaign run): paused as one, finished when none of their tasks is live.
CREATE TABLE task_group
(
    group_key   TEXT PRIMARY KEY,
    paused      BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at TIMESTAMPTZ
);

-- Log lines handlers write, shown on the task's page.
CREATE TABLE task_log
(
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id BIGINT      NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    attempt INT         NOT NULL,
    at      TIMESTAMPTZ NOT NULL,
    level   TEXT        NOT NULL CHECK (level IN ('DEBUG', 'INFO', 'WARN', 'ERROR')),
    message TEXT        NOT NULL
);
CREATE INDEX task_log_task_idx ON task_log (task_id, id);

-- Finished tasks per minute, per instance (no two instances write the same row), queue and kind:
-- throughput charts and finished counts without scanning the task table.
CREATE TABLE task_throughput
(
    minute    TIMESTAMPTZ NOT NULL,
    instance  UUID        NOT NULL,
    queue     TEXT        NOT NULL,
    kind      TEXT        NOT NULL,
    succeeded INT         NOT NULL DEFAULT 0,
    failed    INT         NOT NULL DEFAULT 0,
    cancelled INT         NOT NULL DEFAULT 0,
    PRIMARY KEY (minute, instance, queue, kind)
);
