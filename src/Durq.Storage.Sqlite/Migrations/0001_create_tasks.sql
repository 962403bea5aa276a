-- Tasks. Times are Unix milliseconds (UTC); ids are lowercase UUIDv7 text, so text order is time order.
CREATE TABLE durq_tasks (
    id               TEXT    NOT NULL PRIMARY KEY,
    tenant           TEXT    NOT NULL,
    activity_type    TEXT    NOT NULL,
    input            TEXT    NOT NULL,   -- the producer's JSON, byte for byte
    status           TEXT    NOT NULL CHECK (status IN ('pending', 'claimed', 'completed', 'dead', 'cancelled')),
    priority         INTEGER NOT NULL,
    attempt          INTEGER NOT NULL DEFAULT 0,
    max_attempts     INTEGER NOT NULL,
    options          TEXT    NOT NULL,   -- effective options as API JSON
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    visible_at       INTEGER NOT NULL,
    claimed_by       TEXT,
    claimed_at       INTEGER,
    lease_id         TEXT,
    lease_expires_at INTEGER,
    completed_at     INTEGER,
    result           TEXT,
    last_error       TEXT,
    errors           TEXT,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    requeue_count    INTEGER NOT NULL DEFAULT 0,
    idempotency_key  TEXT,
    traceparent      TEXT
);

-- Claims only ever touch claimable rows, in claim order (priority desc, visible_at, id).
CREATE INDEX durq_tasks_claimable ON durq_tasks (tenant, activity_type, priority DESC, visible_at, id)
    WHERE status = 'pending';

-- Lists newest first, optionally by status; also counts pending tasks for the queue cap.
CREATE INDEX durq_tasks_by_status ON durq_tasks (tenant, status, id);
CREATE INDEX durq_tasks_by_tenant ON durq_tasks (tenant, id);

-- Idempotency keys, kept at least 24 hours; task_ids is a comma-separated list in request order.
CREATE TABLE durq_idempotency_keys (
    tenant              TEXT    NOT NULL,
    key                 TEXT    NOT NULL,
    request_fingerprint TEXT    NOT NULL,
    task_ids            TEXT    NOT NULL,
    created_at          INTEGER NOT NULL,
    PRIMARY KEY (tenant, key)
) WITHOUT ROWID;
