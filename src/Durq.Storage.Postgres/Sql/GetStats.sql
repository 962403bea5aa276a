SELECT
    (SELECT count(*) FROM durq_tasks WHERE tenant = @tenant AND status = 'pending') AS pending,
    (SELECT count(*) FROM durq_tasks WHERE tenant = @tenant AND status = 'claimed') AS claimed,
    (SELECT count(*) FROM durq_tasks WHERE tenant = @tenant AND status = 'dead') AS dead,
    (SELECT coalesce(sum(value), 0)::bigint FROM durq_counters WHERE tenant = @tenant AND name = 'completed_tasks') AS completed,
    (SELECT coalesce(sum(value), 0)::bigint FROM durq_counters WHERE tenant = @tenant AND name = 'failed_attempts') AS failed,
    (SELECT coalesce(sum(value), 0)::bigint FROM durq_counters WHERE tenant = @tenant AND name = 'started_tasks') AS started;
