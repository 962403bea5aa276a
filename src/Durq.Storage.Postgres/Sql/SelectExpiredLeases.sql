-- Claimed tasks whose lease ran out without a heartbeat, or whose run passed timeout_seconds, of the tenants whose
-- count rows this batch holds. SKIP LOCKED: when every node runs the reaper at once, each takes different tasks, and a
-- task another node is reclaiming (or its worker is completing) is left to that transaction.
SELECT * FROM durq_tasks
WHERE status = 'claimed' AND (lease_expires_at <= @now OR timeout_at <= @now) AND tenant = ANY (@tenants)
ORDER BY lease_expires_at
LIMIT @limit
FOR UPDATE SKIP LOCKED;
