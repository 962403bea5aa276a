SELECT request_fingerprint, task_ids FROM durq_idempotency_keys WHERE tenant = @tenant AND key = @key;
