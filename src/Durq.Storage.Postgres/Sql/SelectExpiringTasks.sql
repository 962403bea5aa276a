-- Pending tasks past their expiry, of the tenants whose count rows this batch holds. SKIP LOCKED: a task another
-- node expires (or a claim holds) right now is left to that transaction.
SELECT * FROM durq_tasks
WHERE status = 'pending' AND expires_at IS NOT NULL AND expires_at <= @now AND tenant = ANY (@tenants)
ORDER BY expires_at
LIMIT @limit
FOR UPDATE SKIP LOCKED;
