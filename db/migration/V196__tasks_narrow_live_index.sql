-- task_live_idx (V153) held every live task, so each submit, claim and promotion wrote an entry there too: a claim
-- could never skip it. Queued tasks are found per queue through task_claim_idx and running ones (as many as the
-- queues' concurrency) through task_running_idx; only scheduled tasks, which a big campaign has by the hundred
-- thousand, need an index of their own per queue. Submits of due tasks and claims now write one index entry less.
-- Upgrade cost: one pass over the table under a SHARE lock (writes wait; about a second per million tasks).
CREATE INDEX task_scheduled_queue_idx ON task (queue, id) WHERE state = 'scheduled';
DROP INDEX task_live_idx;
