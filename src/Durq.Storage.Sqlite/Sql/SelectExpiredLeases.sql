-- Claimed tasks whose lease ran out without a heartbeat, or whose run passed timeout_seconds.
SELECT * FROM durq_tasks
WHERE status = 'claimed' AND (lease_expires_at <= $now OR timeout_at <= $now)
ORDER BY lease_expires_at
LIMIT $limit;
