-- Pending tasks past their expiry, of the tenants the batch declared ($tenants, a JSON array).
SELECT * FROM durq_tasks
WHERE status = 'pending' AND expires_at IS NOT NULL AND expires_at <= $now
  AND tenant IN (SELECT value FROM json_each($tenants))
ORDER BY expires_at
LIMIT $limit;
