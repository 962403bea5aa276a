-- UNION drops the duplicates; both tables lead their keys with the tenant.
SELECT tenant FROM durq_counters
UNION
SELECT tenant FROM durq_workers
ORDER BY tenant;
