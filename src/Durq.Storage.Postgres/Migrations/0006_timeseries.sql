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
