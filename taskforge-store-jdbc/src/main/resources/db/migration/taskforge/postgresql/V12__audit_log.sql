-- The audit log: one row per change made through the API and per login, append-only. Nothing
-- updates a row; retention deletes the oldest by time.
--
-- tenant_id is null for requests refused before their caller was known. status is null for actions
-- that were not HTTP requests. The log is read newest first, (at, id) descending; every filter of
-- GET /api/v1/audit has an index that starts with the tenant and the filtered column and ends with
-- (at, id), so a filtered page reads only its rows, in order.

CREATE TABLE tf_audit_event (
    id             uuid        PRIMARY KEY,
    tenant_id      text,
    at             timestamptz NOT NULL,
    actor          text,
    actor_kind     text        NOT NULL,
    action         text        NOT NULL,
    target_type    text,
    target_id      text,
    client_address text,
    outcome        text        NOT NULL,
    status         integer,
    detail         text,
    CONSTRAINT tf_audit_event_actor_kind_check CHECK (actor_kind IN ('USER', 'API_KEY', 'SYSTEM', 'ANONYMOUS')),
    CONSTRAINT tf_audit_event_outcome_check CHECK (outcome IN ('SUCCEEDED', 'DENIED', 'FAILED'))
);

CREATE INDEX tf_audit_event_tenant_idx ON tf_audit_event (tenant_id, at, id);
CREATE INDEX tf_audit_event_actor_idx ON tf_audit_event (tenant_id, actor, at, id);
CREATE INDEX tf_audit_event_action_idx ON tf_audit_event (tenant_id, action, at, id);
CREATE INDEX tf_audit_event_target_idx ON tf_audit_event (tenant_id, target_id, at, id);
CREATE INDEX tf_audit_event_outcome_idx ON tf_audit_event (tenant_id, outcome, at, id);
-- Retention removes the oldest events of every tenant first.
CREATE INDEX tf_audit_event_at_idx ON tf_audit_event (at);
