-- Locks the count rows of every tenant a batch may change, before anything else and always in the same order, so
-- that batches on different nodes wait for each other instead of deadlocking. Held until the batch commits.
SELECT tenant, pending FROM durq_queue_counts
WHERE tenant = ANY (@tenants)
ORDER BY tenant COLLATE "C"
FOR UPDATE;
