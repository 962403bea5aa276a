-- Leases: how long a run may take and how long a lease lasts, copied out of the options for the hot paths.
ALTER TABLE durq_tasks ADD COLUMN timeout_seconds INTEGER NOT NULL DEFAULT 300;
ALTER TABLE durq_tasks ADD COLUMN lease_seconds INTEGER NOT NULL DEFAULT 30;
ALTER TABLE durq_tasks ADD COLUMN timeout_at INTEGER;
ALTER TABLE durq_tasks ADD COLUMN last_heartbeat_at INTEGER;
ALTER TABLE durq_tasks ADD COLUMN heartbeat_details TEXT;
UPDATE durq_tasks SET
    timeout_seconds = json_extract(options, '$.timeout_seconds'),
    lease_seconds = json_extract(options, '$.heartbeat_timeout_seconds');

-- The reaper scans only claimed rows; deregistering a worker finds its tasks by claimed_by.
CREATE INDEX durq_tasks_claimed ON durq_tasks (lease_expires_at) WHERE status = 'claimed';
CREATE INDEX durq_tasks_claimed_by ON durq_tasks (tenant, claimed_by) WHERE status = 'claimed';

-- Retention deletes the oldest finished rows first.
CREATE INDEX durq_tasks_finished ON durq_tasks (status, updated_at) WHERE status IN ('completed', 'cancelled', 'dead');
CREATE INDEX durq_idempotency_keys_created ON durq_idempotency_keys (created_at);

CREATE TABLE durq_workers (
    tenant            TEXT    NOT NULL,
    id                TEXT    NOT NULL,
    activity_types    TEXT    NOT NULL,   -- JSON array of strings
    max_concurrency   INTEGER NOT NULL,
    worker_group      TEXT,
    hostname          TEXT,
    version           TEXT,
    current_load      INTEGER NOT NULL DEFAULT 0,
    draining          INTEGER NOT NULL DEFAULT 0,
    registered_at     INTEGER NOT NULL,
    last_heartbeat_at INTEGER NOT NULL,
    PRIMARY KEY (tenant, id)
) WITHOUT ROWID;

-- Cumulative totals for /health: started_tasks, completed_tasks, failed_attempts.
CREATE TABLE durq_counters (
    tenant TEXT    NOT NULL,
    name   TEXT    NOT NULL,
    value  INTEGER NOT NULL,
    PRIMARY KEY (tenant, name)
) WITHOUT ROWID;
