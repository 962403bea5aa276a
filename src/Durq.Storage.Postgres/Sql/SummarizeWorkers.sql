-- Every worker of the tenant counted by status in one pass, without reading them out: stopped = silent since before
-- @stopped_before; capacity counts active workers only, load active and draining ones.
SELECT
    count(*) FILTER (WHERE last_heartbeat_at >= @stopped_before AND NOT draining) AS active,
    count(*) FILTER (WHERE last_heartbeat_at >= @stopped_before AND draining) AS draining,
    count(*) FILTER (WHERE last_heartbeat_at < @stopped_before) AS stopped,
    coalesce(sum(max_concurrency) FILTER (WHERE last_heartbeat_at >= @stopped_before AND NOT draining), 0) AS capacity,
    coalesce(sum(current_load) FILTER (WHERE last_heartbeat_at >= @stopped_before), 0) AS load
FROM durq_workers
WHERE tenant = @tenant;
