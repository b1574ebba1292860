-- The Overview's and Queues' live figures (tasks queued, scheduled or running by queue, and which queues have work)
-- read these few rows from this index instead of scanning the whole table, finished tasks included (a million of
-- them in the pages benchmark).
CREATE INDEX task_live_idx ON task (queue, state) WHERE state IN ('queued', 'scheduled', 'running');
