-- The tenant's workers for its cap: all registered, the live ones (heard from at or after $stopped_before), the oldest
-- heartbeat among those, and whether $id is registered already (its registration is a refresh, never refused).
SELECT
    count(*) AS registered,
    coalesce(sum(last_heartbeat_at >= $stopped_before), 0) AS live,
    min(CASE WHEN last_heartbeat_at >= $stopped_before THEN last_heartbeat_at END) AS oldest_live_heartbeat,
    coalesce(max(id = $id), 0) AS includes_worker
FROM durq_workers
WHERE tenant = $tenant;
