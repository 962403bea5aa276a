-- The primary key (tenant, key) decides between requests racing on any node: one inserts, the others find its row.
INSERT INTO durq_idempotency_keys (tenant, key, request_fingerprint, task_ids, created_at)
VALUES (@tenant, @key, @request_fingerprint, @task_ids, @now)
ON CONFLICT (tenant, key) DO NOTHING;
