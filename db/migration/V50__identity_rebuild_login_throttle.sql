-- Failed sign-ins counted per (username, client address), per client address and per username (any address),
-- so failures from one address never lock an operator out for everyone else. Each row carries the policy it was
-- last counted with, so one upsert can count an attempt and work out the next delay for every row at once.
DROP TABLE login_throttle;

CREATE TABLE login_throttle
(
    scope           TEXT        NOT NULL CHECK (scope IN ('pair', 'address', 'username')),
    subject         TEXT        NOT NULL,
    failures        INT         NOT NULL,
    free_failures   INT         NOT NULL,
    first_delay_s   INT         NOT NULL,
    max_delay_s     INT         NOT NULL,
    last_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    next_allowed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- whether the latest attempt counted here was refused for this row's delay (read back by the upsert)
    refused         BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (scope, subject)
);
CREATE INDEX login_throttle_last_attempt_idx ON login_throttle (last_attempt_at);
