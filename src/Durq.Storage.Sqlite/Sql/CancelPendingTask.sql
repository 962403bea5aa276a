UPDATE durq_tasks SET status = 'cancelled', updated_at = $now
WHERE tenant = $tenant AND id = $id AND status = 'pending'
RETURNING *;
