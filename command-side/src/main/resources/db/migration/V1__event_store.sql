-- The event store: Axon's JDBC schema with snake_case names and JSON text payloads
-- (readable with psql, castable to jsonb), plus the command side's set-based guards.

CREATE TABLE domain_event_entry (
    global_index         BIGSERIAL    NOT NULL PRIMARY KEY,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    event_identifier     VARCHAR(255) NOT NULL,
    meta_data            TEXT,
    payload              TEXT         NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    -- two writers on one aggregate: exactly one wins (§8)
    CONSTRAINT domain_event_entry_aggregate_sequence_key UNIQUE (aggregate_identifier, sequence_number),
    CONSTRAINT domain_event_entry_event_identifier_key UNIQUE (event_identifier)
);

CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    meta_data            TEXT,
    payload              TEXT         NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregate_identifier, sequence_number)
);

-- Names of live workspaces. The primary key makes "name unique among live workspaces" hold across
-- concurrent creates and several command nodes: the claim is inserted in the transaction that appends
-- WorkspaceCreated, and removed in the one that appends WorkspaceDeleted.
CREATE TABLE workspace_name_claim (
    name         VARCHAR(63) NOT NULL PRIMARY KEY,
    workspace_id UUID        NOT NULL UNIQUE,
    claimed_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Idempotency-Key of POST /v1/workspaces, per caller: a retried create returns the first answer.
CREATE TABLE create_idempotency_key (
    principal           VARCHAR(255) NOT NULL,
    idempotency_key     VARCHAR(255) NOT NULL,
    request_fingerprint VARCHAR(64)  NOT NULL,
    workspace_id        UUID         NOT NULL,
    response            TEXT,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, idempotency_key)
);
