DELETE FROM durq_tasks WHERE id IN (
    SELECT id FROM durq_tasks WHERE status IN ('completed', 'cancelled') AND updated_at < $finished_before
    UNION ALL
    SELECT id FROM durq_tasks WHERE status = 'dead' AND updated_at < $dead_before
    LIMIT $limit);
