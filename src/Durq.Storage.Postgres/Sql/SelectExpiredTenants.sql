-- The tenants the reaper is about to touch, read before it locks anything, so that their count rows can be locked
-- first, in the same order every write uses.
SELECT DISTINCT tenant FROM (
    SELECT tenant FROM durq_tasks
    WHERE status = 'claimed' AND (lease_expires_at <= @now OR timeout_at <= @now)
    ORDER BY lease_expires_at
    LIMIT @limit) AS expired;
