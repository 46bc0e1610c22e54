-- The query side's tables: processor tokens and the read models folded from the event log.
-- Every read model row is written in the same transaction as the token of the segment that wrote it.

-- Axon's token store (JdbcTokenStore), snake_case, token as JSON text.
CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          TEXT,
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- One row per workspace ever created; deleted ones keep their row (deleted_at set) so their history
-- can still be found by name. Names and principals use the "C" collation: byte order, identical on every
-- server whatever its locale, and usable by btree indexes for LIKE 'prefix%'.
CREATE TABLE workspace_view (
    id            UUID         NOT NULL PRIMARY KEY,
    name          VARCHAR(63)  COLLATE "C" NOT NULL,
    description   TEXT         NOT NULL,
    built_in      BOOLEAN      NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    created_by    VARCHAR(255),
    updated_at    TIMESTAMPTZ  NOT NULL,
    updated_by    VARCHAR(255),
    -- number of events applied (the aggregate's version, the ETag); makes every handler idempotent
    version       BIGINT       NOT NULL,
    last_position BIGINT       NOT NULL,
    member_count  INTEGER      NOT NULL,
    deleted_at    TIMESTAMPTZ
);
-- get by name, list sorted by name, list filtered by name_prefix. Not unique: segments apply events of
-- different workspaces independently, so a name freed by one workspace's deletion may be taken by another's
-- creation before the deletion is applied here; for that moment two live rows share the name.
CREATE INDEX workspace_view_live_name ON workspace_view (name, id) WHERE deleted_at IS NULL;
-- list sorted by created_at (the default) or updated_at, either direction
CREATE INDEX workspace_view_live_created ON workspace_view (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX workspace_view_live_updated ON workspace_view (updated_at, id) WHERE deleted_at IS NULL;
-- history of a deleted workspace by name: the latest one of that name
CREATE INDEX workspace_view_deleted_name ON workspace_view (name, deleted_at) WHERE deleted_at IS NOT NULL;

-- Current members of live workspaces (rows of a deleted workspace are removed).
CREATE TABLE membership (
    workspace_id UUID         NOT NULL,
    principal    VARCHAR(255) COLLATE "C" NOT NULL,
    role         VARCHAR(16)  NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    granted_at   TIMESTAMPTZ  NOT NULL,
    granted_by   VARCHAR(255),
    -- members of a workspace sorted by principal; the member filter of the list (EXISTS)
    PRIMARY KEY (workspace_id, principal)
);
-- role lookup: the workspaces of one principal (and of '*')
CREATE INDEX membership_by_principal ON membership (principal, workspace_id);

-- Entities registered in live workspaces; entity_counts is a GROUP BY over the primary key's prefix.
CREATE TABLE workspace_entity (
    workspace_id  UUID         NOT NULL,
    entity_type   VARCHAR(63)  COLLATE "C" NOT NULL,
    entity_id     VARCHAR(255) COLLATE "C" NOT NULL,
    registered_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (workspace_id, entity_type, entity_id)
);

-- Every event of every workspace, with its audit metadata, for the history endpoint.
CREATE TABLE workspace_history (
    position        BIGINT       NOT NULL PRIMARY KEY,
    workspace_id    UUID         NOT NULL,
    sequence_number BIGINT       NOT NULL,
    event_id        VARCHAR(255) NOT NULL,
    event_type      VARCHAR(255) NOT NULL,
    revision        VARCHAR(32),
    occurred_at     TIMESTAMPTZ  NOT NULL,
    actor           VARCHAR(255),
    request_id      VARCHAR(255),
    correlation_id  VARCHAR(255),
    causation_id    VARCHAR(255),
    client_address  VARCHAR(255),
    payload         JSONB        NOT NULL,
    -- history of one workspace, oldest first
    CONSTRAINT workspace_history_workspace_sequence_key UNIQUE (workspace_id, sequence_number)
);
