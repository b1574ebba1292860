-- Outgoing webhooks: endpoints admins register, and every delivery (one per event and endpoint, with the stable
-- message id receivers deduplicate by), retried by the task engine, kept for the delivery log.
CREATE TABLE webhook_endpoint (
    id             BIGSERIAL PRIMARY KEY,
    url            TEXT        NOT NULL CHECK (length(url) <= 2000),
    description    TEXT        NOT NULL DEFAULT '' CHECK (length(description) <= 200),
    events         TEXT[]      NOT NULL,
    secret_key_id  TEXT        NOT NULL,
    secret_sealed  BYTEA       NOT NULL,
    enabled        BOOLEAN     NOT NULL DEFAULT TRUE,
    created_by     TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE webhook_delivery (
    id             BIGSERIAL PRIMARY KEY,
    endpoint_id    BIGINT      NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    message_id     TEXT        NOT NULL,
    event_type     TEXT        NOT NULL,
    payload        TEXT        NOT NULL,
    status         TEXT        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts       INT         NOT NULL DEFAULT 0,
    last_status    INT,
    last_excerpt   TEXT,
    last_error     TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_tried_at  TIMESTAMPTZ,
    delivered_at   TIMESTAMPTZ,
    UNIQUE (endpoint_id, message_id)
);
CREATE INDEX webhook_delivery_endpoint ON webhook_delivery (endpoint_id, id DESC);
