DELETE FROM durq_idempotency_keys WHERE rowid IN (
    SELECT rowid FROM durq_idempotency_keys WHERE created_at < $before LIMIT $limit);
