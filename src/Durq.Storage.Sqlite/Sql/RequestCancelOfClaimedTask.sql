-- A claimed task is only flagged: its worker learns of it from its next heartbeat.
UPDATE durq_tasks SET cancel_requested = 1, updated_at = $now
WHERE tenant = $tenant AND id = $id AND status = 'claimed'
RETURNING *;
