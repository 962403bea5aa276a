-- Tasks. JSON members (input, options, result, errors, ...) are text, not jsonb: jsonb rewrites what it stores
-- (whitespace, key order, number forms), and a task's input must come back byte for byte. Times are timestamptz at
-- millisecond precision (the store truncates every time it writes); ids are UUIDv7, so id order is time order.
CREATE TABLE durq_tasks (
    id                uuid        NOT NULL PRIMARY KEY,
    tenant            text        NOT NULL,
    activity_type     text        NOT NULL,
    input             text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('pending', 'claimed', 'completed', 'dead', 'cancelled')),
    priority          integer     NOT NULL,
    attempt           integer     NOT NULL DEFAULT 0,
    max_attempts      integer     NOT NULL,
    options           text        NOT NULL,   -- effective options as API JSON
    timeout_seconds   integer     NOT NULL,   -- copied out of the options for the hot paths
    lease_seconds     integer     NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    visible_at        timestamptz NOT NULL,
    claimed_by        text,
    claimed_at        timestamptz,
    lease_id          uuid,
    lease_expires_at  timestamptz,
    timeout_at        timestamptz,
    last_heartbeat_at timestamptz,
    heartbeat_details text,
    completed_at      timestamptz,
    result            text,
    last_error        text,
    errors            text,
    cancel_requested  boolean     NOT NULL DEFAULT false,
    requeue_count     integer     NOT NULL DEFAULT 0,
    idempotency_key   text,
    traceparent       text
);

-- Claims only ever touch claimable rows, in claim order (priority desc, visible_at, id).
CREATE INDEX durq_tasks_claimable ON durq_tasks (tenant, activity_type, priority DESC, visible_at, id)
    WHERE status = 'pending';

-- The reaper scans only claimed rows, by either of its two deadlines; deregistering finds a worker's tasks.
CREATE INDEX durq_tasks_claimed_lease ON durq_tasks (lease_expires_at) WHERE status = 'claimed';
CREATE INDEX durq_tasks_claimed_timeout ON durq_tasks (timeout_at) WHERE status = 'claimed';
CREATE INDEX durq_tasks_claimed_by ON durq_tasks (tenant, claimed_by) WHERE status = 'claimed';

-- Lists newest first, optionally by status (also the dead-letter queue and the gauges).
CREATE INDEX durq_tasks_by_status ON durq_tasks (tenant, status, id);
CREATE INDEX durq_tasks_by_tenant ON durq_tasks (tenant, id);

-- Retention deletes the oldest finished rows first.
CREATE INDEX durq_tasks_finished ON durq_tasks (status, updated_at) WHERE status IN ('completed', 'cancelled', 'dead');

-- Each tenant's number of pending tasks (including delayed ones), kept in step with durq_tasks by every write that
-- changes it, in the same transaction. Its row lock is what makes the queue cap exact across nodes: every write that
-- changes a tenant's pending count locks this row first, so they run one at a time and each sees the others' result.
CREATE TABLE durq_queue_counts (
    tenant  text   NOT NULL PRIMARY KEY,
    pending bigint NOT NULL
);

-- Idempotency keys, kept at least 24 hours. The primary key makes a key unique per tenant on every node.
CREATE TABLE durq_idempotency_keys (
    tenant              text        NOT NULL,
    key                 text        NOT NULL,
    request_fingerprint text        NOT NULL,
    task_ids            uuid[]      NOT NULL,   -- in request order
    created_at          timestamptz NOT NULL,
    PRIMARY KEY (tenant, key)
);
CREATE INDEX durq_idempotency_keys_created ON durq_idempotency_keys (created_at);

CREATE TABLE durq_workers (
    tenant            text        NOT NULL,
    id                text        NOT NULL,
    activity_types    text[]      NOT NULL,
    max_concurrency   integer     NOT NULL,
    worker_group      text,
    hostname          text,
    version           text,
    current_load      integer     NOT NULL DEFAULT 0,
    draining          boolean     NOT NULL DEFAULT false,
    registered_at     timestamptz NOT NULL,
    last_heartbeat_at timestamptz NOT NULL,
    PRIMARY KEY (tenant, id)
);
CREATE INDEX durq_workers_last_heartbeat ON durq_workers (last_heartbeat_at);

-- Cumulative totals for /health (started_tasks, completed_tasks, failed_attempts). Each store instance adds to its
-- own shard, so nodes finishing tasks of one tenant never queue behind each other's row locks; readers sum the shards.
CREATE TABLE durq_counters (
    tenant text   NOT NULL,
    name   text   NOT NULL,
    shard  integer NOT NULL,
    value  bigint NOT NULL,
    PRIMARY KEY (tenant, name, shard)
);
