-- The tenants the reaper is about to touch, read before the batch runs, so that their pending counts are declared.
SELECT DISTINCT tenant FROM (
    SELECT tenant FROM durq_tasks
    WHERE status = 'claimed' AND (lease_expires_at <= $now OR timeout_at <= $now)
    ORDER BY lease_expires_at
    LIMIT $limit);
