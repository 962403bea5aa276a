DELETE FROM durq_workers WHERE (tenant, id) IN (
    SELECT tenant, id FROM durq_workers WHERE last_heartbeat_at < @before LIMIT @limit FOR UPDATE SKIP LOCKED);
