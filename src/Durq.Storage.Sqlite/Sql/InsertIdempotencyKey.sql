INSERT INTO durq_idempotency_keys (tenant, key, request_fingerprint, task_ids, created_at)
VALUES ($tenant, $key, $request_fingerprint, $task_ids, $now);
