-- A tenant's count row is made the first time a write needs it, from the tasks themselves. No other write can change
-- the tenant's pending tasks meanwhile: each must hold this row, and a concurrent insert of it waits for this one.
INSERT INTO durq_queue_counts (tenant, pending)
SELECT t.tenant, (SELECT count(*) FROM durq_tasks WHERE durq_tasks.tenant = t.tenant AND status = 'pending')
FROM unnest(@tenants::text[]) AS t (tenant)
ORDER BY t.tenant COLLATE "C"
ON CONFLICT (tenant) DO NOTHING;
