-- Wakes the readers of the log when events are appended: every statement that inserts into domain_event_entry
-- sends a notification on the channel domain_event_appended (no payload). PostgreSQL delivers it when the
-- transaction commits, and only then; the notifications of one transaction fold into one, and a rolled-back
-- append sends none. The query side LISTENs on this channel (EventLogListener) and reads the log at once
-- instead of polling it; the appending code needs no change.
--
-- A committing transaction that notifies holds PostgreSQL's notification-queue lock until its commit is flushed,
-- so notifying appends commit one at a time (docs/performance.md). Where that limits the write rate more than
-- polling costs, turn the notifications off for new sessions with
--   ALTER DATABASE <name> SET workspaces.notify_appends = 'off';
-- and set WORKSPACES_EVENT_NOTIFICATIONS=false on the query side, which then polls every fetch-delay.
CREATE FUNCTION domain_event_appended() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF coalesce(current_setting('workspaces.notify_appends', true), '') <> 'off' THEN
        PERFORM pg_notify('domain_event_appended', '');
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER domain_event_appended
    AFTER INSERT ON domain_event_entry
    FOR EACH STATEMENT
EXECUTE FUNCTION domain_event_appended();
