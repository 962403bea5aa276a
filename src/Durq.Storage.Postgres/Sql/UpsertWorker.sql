-- Registering again refreshes the worker's description and counts as a heartbeat; an operator's drain stays.
INSERT INTO durq_workers (tenant, id, activity_types, max_concurrency, worker_group, hostname, version,
                          current_load, draining, registered_at, last_heartbeat_at)
VALUES (@tenant, @id, @activity_types, @max_concurrency, @worker_group, @hostname, @version, 0, false, @now, @now)
ON CONFLICT (tenant, id) DO UPDATE SET
    activity_types = excluded.activity_types, max_concurrency = excluded.max_concurrency,
    worker_group = excluded.worker_group, hostname = excluded.hostname, version = excluded.version,
    last_heartbeat_at = excluded.last_heartbeat_at
RETURNING *;
