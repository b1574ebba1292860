-- The audit module takes the audit trail over from identity: every operator action that changes something,
-- with where it came from, the object it touched and the before/after of the fields that changed (never secrets).
ALTER TABLE audit_event
    ADD COLUMN source      TEXT,
    ADD COLUMN object_type TEXT,
    ADD COLUMN object_id   TEXT,
    ADD COLUMN changes     JSONB;

-- The Audit page pages newest first by id (keyset) under each filter.
CREATE INDEX audit_event_actor_idx ON audit_event (actor, id DESC);
CREATE INDEX audit_event_object_idx ON audit_event (object_type, object_id, id DESC);
CREATE INDEX audit_event_action_idx ON audit_event (action, id DESC);

-- Append-only for the application's database user: no row is changed, and a row is deleted only by the retention
-- sweep, which states the retention for its transaction (SET LOCAL switchboard.audit_retention) and may then delete
-- only rows older than that.
CREATE FUNCTION audit_event_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    kept TEXT := current_setting('switchboard.audit_retention', true);
BEGIN
    IF TG_OP = 'DELETE' AND kept IS NOT NULL AND kept <> '' AND OLD.at < now() - kept::interval THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
