-- The history projection becomes versioned like the workspaces one (V5, docs/operations.md "Changing a projection"):
-- its table becomes its version 1, read through a view of the plain name; its processor keeps its name (history)
-- and its tokens, so an existing installation goes on from where it was, with its rows.
-- The primary key, the unique constraint and the indexes of V1 and V2 move with the table and keep their names: a
-- later version's table names its own with its own suffix. The table has no sequence (position is the event's) and
-- the query side grants nothing: there is nothing else to move.
ALTER TABLE workspace_history RENAME TO workspace_history_v1;
CREATE VIEW workspace_history AS SELECT * FROM workspace_history_v1;
INSERT INTO projection_version (projection, live_version) VALUES ('history', 1);
