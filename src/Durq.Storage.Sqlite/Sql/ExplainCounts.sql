-- For one pending task: the claimable tasks of its type before it in claim order (priority descending, visible_at,
-- id), counted over the claimable index's range before its entry, and its type's claimed tasks.
SELECT
    (SELECT count(*) FROM durq_tasks
     WHERE tenant = $tenant AND activity_type = $activity_type AND status = 'pending' AND visible_at <= $now
       AND (priority > $priority
            OR (priority = $priority AND (visible_at < $visible_at OR (visible_at = $visible_at AND id < $id))))) AS ahead,
    (SELECT count(*) FROM durq_tasks WHERE tenant = $tenant AND status = 'claimed' AND activity_type = $activity_type) AS claimed;
