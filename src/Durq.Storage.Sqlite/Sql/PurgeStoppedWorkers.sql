DELETE FROM durq_workers WHERE last_heartbeat_at < $before;
