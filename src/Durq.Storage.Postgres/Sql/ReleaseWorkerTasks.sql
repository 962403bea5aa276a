-- A worker that leaves hands its tasks back at once. The attempt it was running is not counted: it was cut short by
-- the worker's own orderly exit, not by a failure of the task. A task whose cancellation was requested ends
-- cancelled instead of running again.
UPDATE durq_tasks SET
    status = CASE WHEN cancel_requested THEN 'cancelled' ELSE 'pending' END,
    attempt = greatest(attempt - 1, 0), visible_at = @now, updated_at = @now,
    claimed_by = NULL, claimed_at = NULL, lease_id = NULL, lease_expires_at = NULL, timeout_at = NULL
WHERE tenant = @tenant AND status = 'claimed' AND claimed_by = @worker_id
RETURNING id, activity_type, status;
