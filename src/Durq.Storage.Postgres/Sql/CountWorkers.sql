-- The tenant's workers for its cap: all registered, the live ones (heard from at or after @stopped_before), the oldest
-- heartbeat among those, and whether @id is registered already (its registration is a refresh, never refused). The
-- batch holds the tenant's count row, so no other node registers a worker of the tenant until this batch commits.
SELECT
    count(*)::integer AS registered,
    (count(*) FILTER (WHERE last_heartbeat_at >= @stopped_before))::integer AS live,
    min(last_heartbeat_at) FILTER (WHERE last_heartbeat_at >= @stopped_before) AS oldest_live_heartbeat,
    coalesce(bool_or(id = @id), false) AS includes_worker
FROM durq_workers
WHERE tenant = @tenant;
