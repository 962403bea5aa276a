-- The activity type of each given task ($ids: a JSON array): read once per batch of completions, for the event
-- stream, rather than by a RETURNING on each completion (a reader per row costs the workers' hot path).
SELECT id, activity_type FROM durq_tasks WHERE tenant = $tenant AND id IN (SELECT value FROM json_each($ids));
