-- Compliance: filters of the global audit stream, as-of lookups by name, and the tamper-evident chain.

-- audit stream filtered by actor / event type / time range, in position order
CREATE INDEX workspace_history_actor ON workspace_history (actor, position);
CREATE INDEX workspace_history_type ON workspace_history (event_type, position);
CREATE INDEX workspace_history_time ON workspace_history (occurred_at, position);
-- as-of by name: which workspace had this name at that instant
CREATE INDEX workspace_history_created_name ON workspace_history ((payload->>'name'), occurred_at)
    WHERE event_type = 'workspace.created';

-- One row per stored event, in the order a single writer chained them:
-- chain_value = SHA-256(previous chain_value || canonical JSON of the stored event row).
-- event_hash = SHA-256(canonical JSON), kept to tell an altered event from an altered chain row.
CREATE TABLE audit_chain (
    chain_seq   BIGINT      NOT NULL PRIMARY KEY,
    position    BIGINT      NOT NULL UNIQUE,
    event_hash  CHAR(64)    NOT NULL,
    chain_value CHAR(64)    NOT NULL,
    chained_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
