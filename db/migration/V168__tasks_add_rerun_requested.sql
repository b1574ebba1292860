-- A submit that found its unique key held by a running task asks that task to run once more when this run ends
-- (what it works on changed after the run may have read it). A constant default: no table rewrite.
ALTER TABLE task ADD COLUMN rerun_requested BOOLEAN NOT NULL DEFAULT false;
