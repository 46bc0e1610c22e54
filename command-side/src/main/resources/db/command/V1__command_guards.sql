-- The command side's set-based guards: rules across workspaces, checked in the transaction that
-- appends the events.

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
