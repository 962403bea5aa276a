-- The batch's additions to the cumulative totals, into this store instance's shard, in key order.
INSERT INTO durq_counters AS c (tenant, name, shard, value)
SELECT d.tenant, d.name, @shard, d.delta
FROM unnest(@tenants::text[], @names::text[], @deltas::bigint[]) AS d (tenant, name, delta)
ORDER BY d.tenant COLLATE "C", d.name COLLATE "C"
ON CONFLICT (tenant, name, shard) DO UPDATE SET value = c.value + excluded.value;
