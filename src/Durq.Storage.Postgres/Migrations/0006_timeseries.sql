-- The metrics time series (GET /metrics/timeseries): one sample per tenant per 10 s bucket, written by whichever node
-- samples the bucket first (the key makes a second write a no-op). Totals are cumulative (durq_counters as they stood);
-- the route answers their differences. Samples older than the longest window are deleted as new ones are written.
CREATE TABLE durq_timeseries (
    tenant         text        NOT NULL,
    bucket_start   timestamptz NOT NULL,
    enqueued       bigint      NOT NULL,
    completed      bigint      NOT NULL,
    failed         bigint      NOT NULL,
    dead           bigint      NOT NULL,
    pending        bigint      NOT NULL,
    claimed        bigint      NOT NULL,
    dlq_size       bigint      NOT NULL,
    active_workers integer     NOT NULL,
    PRIMARY KEY (tenant, bucket_start)
);

-- The operator log's "worker gone silent" line (event 1005), logged once per silence: the last heartbeat whose silence
-- was logged. A worker that heartbeats again has a newer last heartbeat, so its next silence is logged again. Workers
-- there at the upgrade count as logged, so an upgrade does not log every stopped worker of the last day at once; the
-- index holds only the workers whose silence is not logged, which are the live ones and the newly silent.
ALTER TABLE durq_workers ADD COLUMN silence_logged_for timestamptz;
UPDATE durq_workers SET silence_logged_for = last_heartbeat_at;
CREATE INDEX durq_workers_silence_unlogged ON durq_workers (last_heartbeat_at) WHERE silence_logged_for IS DISTINCT FROM last_heartbeat_at;
