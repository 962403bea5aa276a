-- Deletes the matching dead tasks, in slices (as a retry of them does).
DELETE FROM durq_tasks
WHERE id IN (
    SELECT id FROM durq_tasks
    WHERE tenant = $tenant AND status = 'dead' AND ($activity_type IS NULL OR activity_type = $activity_type)
      AND ($error_type IS NULL OR json_extract(last_error, '$.type') = $error_type)
    LIMIT $limit);
