-- The tenants of the first pending tasks past their expiry, read before the batch runs, so their pending counts are declared.
SELECT DISTINCT tenant FROM (
    SELECT tenant FROM durq_tasks
    WHERE status = 'pending' AND expires_at IS NOT NULL AND expires_at <= $now
    ORDER BY expires_at
    LIMIT $limit);
