-- One completion of a batch, run once per item on the same prepared statement. Same checks and changes as
-- CompleteTask.sql, but nothing is returned: the changes count (1 or 0) is all a batch needs, and reading back the
-- whole row would cost the workers' hot path for nothing.
UPDATE durq_tasks SET
    status = 'completed', result = $result, completed_at = $now, updated_at = $now,
    claimed_by = NULL, claimed_at = NULL, lease_id = NULL, lease_expires_at = NULL, timeout_at = NULL
WHERE tenant = $tenant AND id = $id AND status = 'claimed' AND lease_id = $lease_id AND lease_expires_at > $now;
