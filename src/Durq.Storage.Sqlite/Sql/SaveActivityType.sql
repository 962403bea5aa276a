-- Writes an activity type's row as the caller decided it, whether or not it had one.
INSERT INTO durq_activity_types (
    tenant, activity_type, paused, max_concurrency, rate_per_second, rate_burst, rate_tokens, rate_refilled_at,
    circuit_failure_threshold, circuit_open_seconds, circuit_state, circuit_failures, circuit_opened_at,
    circuit_probe_task_id, circuit_forced, circuit_changed_at, updated_at)
VALUES (
    $tenant, $activity_type, $paused, $max_concurrency, $rate_per_second, $rate_burst, $rate_tokens, $rate_refilled_at,
    $circuit_failure_threshold, $circuit_open_seconds, $circuit_state, $circuit_failures, $circuit_opened_at,
    $circuit_probe_task_id, $circuit_forced, $circuit_changed_at, $updated_at)
ON CONFLICT (tenant, activity_type) DO UPDATE SET
    paused = excluded.paused, max_concurrency = excluded.max_concurrency,
    rate_per_second = excluded.rate_per_second, rate_burst = excluded.rate_burst,
    rate_tokens = excluded.rate_tokens, rate_refilled_at = excluded.rate_refilled_at,
    circuit_failure_threshold = excluded.circuit_failure_threshold, circuit_open_seconds = excluded.circuit_open_seconds,
    circuit_state = excluded.circuit_state, circuit_failures = excluded.circuit_failures,
    circuit_opened_at = excluded.circuit_opened_at, circuit_probe_task_id = excluded.circuit_probe_task_id,
    circuit_forced = excluded.circuit_forced, circuit_changed_at = excluded.circuit_changed_at,
    updated_at = excluded.updated_at;
