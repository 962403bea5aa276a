-- The primary key (tenant, key) decides: a request that finds the key taken inserts nothing and replays the first.
INSERT INTO durq_idempotency_keys (tenant, key, request_fingerprint, task_ids, created_at)
VALUES ($tenant, $key, $request_fingerprint, $task_ids, $now)
ON CONFLICT (tenant, key) DO NOTHING;
