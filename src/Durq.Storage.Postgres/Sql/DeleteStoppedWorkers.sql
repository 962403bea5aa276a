-- At its cap a tenant's stopped workers (silent since before @stopped_before) give their places to new ones.
DELETE FROM durq_workers WHERE tenant = @tenant AND last_heartbeat_at < @stopped_before;
