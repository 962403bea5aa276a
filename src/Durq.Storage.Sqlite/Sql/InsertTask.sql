INSERT INTO durq_tasks (
    id, tenant, activity_type, input, status, priority, attempt, max_attempts, options,
    created_at, updated_at, visible_at, idempotency_key, traceparent, timeout_seconds, lease_seconds, expires_at)
VALUES (
    $id, $tenant, $activity_type, $input, 'pending', $priority, 0, $max_attempts, $options,
    $now, $now, $visible_at, $idempotency_key, $traceparent, $timeout_seconds, $lease_seconds, $expires_at);
