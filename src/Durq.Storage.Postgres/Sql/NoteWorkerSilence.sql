-- Only while the worker is still silent at the heartbeat that was read, and its silence is not logged yet: of two
-- nodes updating at once, the second waits for the first's row lock, then finds the row logged and changes nothing.
UPDATE durq_workers SET silence_logged_for = last_heartbeat_at
WHERE tenant = @tenant AND id = @id AND last_heartbeat_at = @last_heartbeat_at AND silence_logged_for IS DISTINCT FROM last_heartbeat_at;
