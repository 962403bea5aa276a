-- The pending count is the tenant's count row, which every write that changes it keeps exact in the same transaction
-- (counting the pending rows costs a scan of all of them); only a tenant no write has made a row for yet is counted.
SELECT
    coalesce(
        (SELECT pending FROM durq_queue_counts WHERE tenant = @tenant),
        (SELECT count(*) FROM durq_tasks WHERE tenant = @tenant AND status = 'pending')) AS pending,
    (SELECT count(*) FROM durq_tasks WHERE tenant = @tenant AND status = 'claimed') AS claimed,
    (SELECT count(*) FROM durq_tasks WHERE tenant = @tenant AND status = 'dead') AS dead,
    (SELECT coalesce(sum(value), 0)::bigint FROM durq_counters WHERE tenant = @tenant AND name = 'completed_tasks') AS completed,
    (SELECT coalesce(sum(value), 0)::bigint FROM durq_counters WHERE tenant = @tenant AND name = 'failed_attempts') AS failed,
    (SELECT coalesce(sum(value), 0)::bigint FROM durq_counters WHERE tenant = @tenant AND name = 'started_tasks') AS started;
