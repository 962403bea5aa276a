UPDATE durq_tasks SET
    status = 'pending', attempt = 0, requeue_count = requeue_count + 1, visible_at = @now, updated_at = @now,
    cancel_requested = false
WHERE tenant = @tenant AND id = @id AND status = 'dead'
RETURNING *;
