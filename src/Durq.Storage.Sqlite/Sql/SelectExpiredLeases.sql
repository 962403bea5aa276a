-- Claimed tasks whose lease ran out without a heartbeat, or whose run passed timeout_seconds, of the tenants the
-- batch declared ($tenants, a JSON array).
SELECT * FROM durq_tasks
WHERE status = 'claimed' AND (lease_expires_at <= $now OR timeout_at <= $now)
  AND tenant IN (SELECT value FROM json_each($tenants))
ORDER BY lease_expires_at
LIMIT $limit;
