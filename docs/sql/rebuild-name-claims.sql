-- Rebuilds the command side's name claims (workspace_name_claim) from the event store, for a database restored
-- from the event table alone (docs/operations.md, "Backup and restore"). Run it before the command side starts:
--   psql -v ON_ERROR_STOP=1 -d workspaces -f docs/sql/rebuild-name-claims.sql
-- A live workspace holds the name it was created with (a name never changes); a deleted one holds none.
BEGIN;
DELETE FROM workspace_name_claim;
INSERT INTO workspace_name_claim (name, workspace_id, claimed_at)
SELECT created.payload::jsonb ->> 'name', created.aggregate_identifier::uuid, created.time_stamp::timestamptz
FROM domain_event_entry created
WHERE created.payload_type = 'workspace.created'
  AND NOT EXISTS (SELECT 1 FROM domain_event_entry deleted
                  WHERE deleted.aggregate_identifier = created.aggregate_identifier
                    AND deleted.payload_type = 'workspace.deleted');
COMMIT;
