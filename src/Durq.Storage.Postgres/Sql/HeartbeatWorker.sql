UPDATE durq_workers SET current_load = @current_load, last_heartbeat_at = @now
WHERE tenant = @tenant AND id = @id
RETURNING *;
