-- The activity type and claim time of each given claimed task ($ids: a JSON array): read once per batch of completions,
-- before them (a completion clears claimed_at), for the event stream and the run-time histogram, rather than by a
-- RETURNING on each completion (a reader per row costs the workers' hot path).
SELECT id, activity_type, claimed_at FROM durq_tasks
WHERE tenant = $tenant AND status = 'claimed' AND id IN (SELECT value FROM json_each($ids));
