-- In slices, so one call over a large dead-letter queue never holds the writer for long.
UPDATE durq_tasks SET
    status = 'pending', attempt = 0, requeue_count = requeue_count + 1, visible_at = $now, updated_at = $now,
    cancel_requested = 0
WHERE id IN (
    SELECT id FROM durq_tasks
    WHERE tenant = $tenant AND status = 'dead' AND ($activity_type IS NULL OR activity_type = $activity_type)
      AND ($error_type IS NULL OR json_extract(last_error, '$.type') = $error_type)
    LIMIT $limit)
RETURNING activity_type;
