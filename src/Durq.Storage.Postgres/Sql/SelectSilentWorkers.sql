-- Workers silent since before @stopped_before whose silence is not logged yet (the predicate is the partial index's).
SELECT * FROM durq_workers
WHERE last_heartbeat_at < @stopped_before AND silence_logged_for IS DISTINCT FROM last_heartbeat_at
ORDER BY last_heartbeat_at
LIMIT @limit;
