DELETE FROM durq_idempotency_keys WHERE (tenant, key) IN (
    SELECT tenant, key FROM durq_idempotency_keys WHERE created_at < @before LIMIT @limit FOR UPDATE SKIP LOCKED);
