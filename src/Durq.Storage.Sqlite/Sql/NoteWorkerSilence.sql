-- Only while the worker is still silent at the heartbeat that was read, and its silence is not logged yet.
UPDATE durq_workers SET silence_logged_for = last_heartbeat_at
WHERE tenant = $tenant AND id = $id AND last_heartbeat_at = $last_heartbeat_at AND silence_logged_for IS NOT last_heartbeat_at;
