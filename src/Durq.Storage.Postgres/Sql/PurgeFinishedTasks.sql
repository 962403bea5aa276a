-- SKIP LOCKED: every node may run retention at once; each deletes rows the others are not already deleting.
DELETE FROM durq_tasks WHERE id = ANY (ARRAY(
    SELECT id FROM durq_tasks
    WHERE (status IN ('completed', 'cancelled') AND updated_at < @finished_before)
       OR (status = 'dead' AND updated_at < @dead_before)
    LIMIT @limit
    FOR UPDATE SKIP LOCKED));
