-- The batch's net change to each tenant's pending count; the rows are already locked by LockQueueCounts.
UPDATE durq_queue_counts AS c SET pending = c.pending + d.delta
FROM unnest(@tenants::text[], @deltas::bigint[]) AS d (tenant, delta)
WHERE c.tenant = d.tenant;
