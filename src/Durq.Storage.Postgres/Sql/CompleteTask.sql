-- A completion wins over a cancel request: the work is done.
UPDATE durq_tasks SET
    status = 'completed', result = @result, completed_at = @now, updated_at = @now,
    claimed_by = NULL, claimed_at = NULL, lease_id = NULL, lease_expires_at = NULL, timeout_at = NULL
WHERE tenant = @tenant AND id = @id AND status = 'claimed' AND lease_id = @lease_id AND lease_expires_at > @now
RETURNING *;
