-- Every worker of the tenant counted by status in one pass, without reading them out: stopped = silent since before
-- $stopped_before; capacity counts active workers only, load active and draining ones.
SELECT
    coalesce(sum(last_heartbeat_at >= $stopped_before AND NOT draining), 0) AS active,
    coalesce(sum(last_heartbeat_at >= $stopped_before AND draining), 0) AS draining,
    coalesce(sum(last_heartbeat_at < $stopped_before), 0) AS stopped,
    coalesce(sum(CASE WHEN last_heartbeat_at >= $stopped_before AND NOT draining THEN max_concurrency END), 0) AS capacity,
    coalesce(sum(CASE WHEN last_heartbeat_at >= $stopped_before THEN current_load END), 0) AS load
FROM durq_workers
WHERE tenant = $tenant;
