-- Blue/green projections (docs/operations.md, "Changing a projection"): a versioned projection writes tables
-- named <table>_v<version>, and every read goes through a view of the plain name over the live version's table.
-- A new version is rebuilt into its own tables beside the live one; once it has caught up, the query side
-- replaces the views in one transaction and records it here, then drops the previous version's tables and tokens
-- when no query node processes that version any more.

CREATE TABLE projection_version (
    projection       VARCHAR(255) NOT NULL PRIMARY KEY,
    -- the version whose tables the views show
    live_version     INTEGER      NOT NULL,
    -- the version live before the last switch, until its tables and tokens are dropped
    previous_version INTEGER,
    switched_at      TIMESTAMPTZ
);

-- The workspaces projection's tables become its version 1; its processor keeps its name (workspaces) and tokens.
-- Indexes and constraints keep their names: a later version's tables name theirs with their own suffix.
ALTER TABLE workspace_view RENAME TO workspace_view_v1;
ALTER TABLE membership RENAME TO membership_v1;
ALTER TABLE workspace_entity RENAME TO workspace_entity_v1;
CREATE VIEW workspace_view AS SELECT * FROM workspace_view_v1;
CREATE VIEW membership AS SELECT * FROM membership_v1;
CREATE VIEW workspace_entity AS SELECT * FROM workspace_entity_v1;
INSERT INTO projection_version (projection, live_version) VALUES ('workspaces', 1);
