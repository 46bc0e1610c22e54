-- Downstream consumers (§7): the event feed, webhook subscriptions, their deliveries (the outbox the
-- dispatcher works from) and every delivery attempt. Rows written by a processor are written in the same
-- transaction as its token, so a crash neither loses nor doubles them.

-- The HTTP feed and its SSE stream, written by the single-segment `feed` processor: one writer, so
-- feed_sequence grows in commit order and a reader that has read up to n has seen every row below n. An event
-- whose transaction committed late follows events with higher positions; the feed never skips it.
CREATE TABLE feed_event (
    feed_sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    position      BIGINT NOT NULL,
    -- the public envelope exactly as every channel sends it: TEXT keeps its bytes (jsonb would reorder keys)
    envelope      TEXT   NOT NULL,
    -- ?after= and Last-Event-ID: the entry of a position, or the one with the highest position below it
    CONSTRAINT feed_event_position_key UNIQUE (position)
);

-- Webhook subscriptions. The outbox processor matches every event against all of them: a small table, read
-- whole, for which a sequential scan is the right plan.
CREATE TABLE webhook_subscription (
    id           UUID          NOT NULL PRIMARY KEY,
    url          VARCHAR(2048) NOT NULL,
    -- Standard Webhooks secret (whsec_ + base64): signs every delivery; shown once, never logged
    secret       VARCHAR(255)  NOT NULL,
    -- stable event type names; empty: every type
    event_types  TEXT[]        NOT NULL,
    -- NULL: every workspace
    workspace_id UUID,
    description  TEXT          NOT NULL,
    -- the head of the event log when the subscription was created: it receives the events after it
    starts_after BIGINT        NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL,
    created_by   VARCHAR(255)  NOT NULL,
    updated_at   TIMESTAMPTZ   NOT NULL,
    updated_by   VARCHAR(255)  NOT NULL
);
-- list, newest first
CREATE INDEX webhook_subscription_created ON webhook_subscription (created_at, id);

-- One row per (subscription, event): the outbox. `pending` rows are attempted by the dispatchers of every
-- query node, which claim due rows with FOR UPDATE SKIP LOCKED and hold them by a lease while they send.
CREATE TABLE webhook_delivery (
    id               UUID         NOT NULL PRIMARY KEY,
    -- recording order; per subscription and workspace it is the order of the events
    seq              BIGINT       GENERATED ALWAYS AS IDENTITY,
    subscription_id  UUID         NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    event_id         VARCHAR(255) NOT NULL,
    position         BIGINT       NOT NULL,
    workspace_id     UUID         NOT NULL,
    event_type       VARCHAR(255) NOT NULL,
    envelope         TEXT         NOT NULL,
    status           VARCHAR(16)  NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
    -- attempts made in all; round_start: attempts made before the current round (a redelivery starts one)
    attempts         INTEGER      NOT NULL DEFAULT 0,
    round_start      INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ,
    lease_id         UUID,
    leased_until     TIMESTAMPTZ,
    created_at       TIMESTAMPTZ  NOT NULL,
    last_attempt_at  TIMESTAMPTZ,
    last_status_code INTEGER,
    last_error       VARCHAR(255),
    delivered_at     TIMESTAMPTZ,
    dead_at          TIMESTAMPTZ,
    -- a replayed outbox processor records each event once per subscription
    CONSTRAINT webhook_delivery_event_key UNIQUE (subscription_id, event_id)
);
-- the dispatcher's claim: pending rows that are due, oldest first
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at, seq) WHERE status = 'pending';
-- order within a subscription and workspace: is an earlier delivery still pending?
CREATE INDEX webhook_delivery_pending_order ON webhook_delivery (subscription_id, workspace_id, seq)
    WHERE status = 'pending';
-- the delivery log of a subscription, newest first, all or by status
CREATE INDEX webhook_delivery_log ON webhook_delivery (subscription_id, seq);
CREATE INDEX webhook_delivery_log_status ON webhook_delivery (subscription_id, status, seq);

-- Every attempt of a delivery: when, how long, and what came back (the status code, never the body).
CREATE TABLE webhook_attempt (
    delivery_id  UUID         NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    attempt      INTEGER      NOT NULL,
    attempted_at TIMESTAMPTZ  NOT NULL,
    duration_ms  INTEGER      NOT NULL,
    -- NULL when no response arrived (refused, timed out)
    status_code  INTEGER,
    error        VARCHAR(255),
    PRIMARY KEY (delivery_id, attempt)
);
