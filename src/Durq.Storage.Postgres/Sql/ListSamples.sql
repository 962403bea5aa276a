SELECT tenant, bucket_start, enqueued, completed, failed, dead, pending, claimed, dlq_size, active_workers
FROM durq_timeseries
WHERE tenant = @tenant AND bucket_start >= @since
ORDER BY bucket_start;
