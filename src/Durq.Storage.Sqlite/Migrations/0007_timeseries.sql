-- The metrics time series (GET /metrics/timeseries): one sample per tenant per 10 s bucket, written by whichever node
-- samples the bucket first (the key makes a second write a no-op). Totals are cumulative (durq_counters as they stood);
-- the route answers their differences. Samples older than the longest window are deleted as new ones are written.
CREATE TABLE durq_timeseries (
    tenant         TEXT    NOT NULL,
    bucket_start   INTEGER NOT NULL,
    enqueued       INTEGER NOT NULL,
    completed      INTEGER NOT NULL,
    failed         INTEGER NOT NULL,
    dead           INTEGER NOT NULL,
    pending        INTEGER NOT NULL,
    claimed        INTEGER NOT NULL,
    dlq_size       INTEGER NOT NULL,
    active_workers INTEGER NOT NULL,
    PRIMARY KEY (tenant, bucket_start)
) WITHOUT ROWID;
