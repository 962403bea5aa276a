UPDATE durq_tasks SET
    status = 'claimed', attempt = attempt + 1, claimed_by = $worker_id, claimed_at = $now,
    lease_id = $lease_id, lease_expires_at = $now + lease_seconds * 1000, timeout_at = $now + timeout_seconds * 1000,
    last_heartbeat_at = NULL, heartbeat_details = NULL, updated_at = $now
WHERE id = $id AND status = 'pending'
RETURNING *;
