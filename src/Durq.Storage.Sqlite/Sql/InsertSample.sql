INSERT INTO durq_timeseries (tenant, bucket_start, enqueued, completed, failed, dead, pending, claimed, dlq_size, active_workers)
VALUES ($tenant, $bucket_start, $enqueued, $completed, $failed, $dead, $pending, $claimed, $dlq_size, $active_workers)
ON CONFLICT (tenant, bucket_start) DO NOTHING;
