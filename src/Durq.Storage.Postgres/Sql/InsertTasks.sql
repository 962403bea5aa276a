-- Every task of one enqueue request in one statement, one array element per task.
INSERT INTO durq_tasks (
    id, tenant, activity_type, input, status, priority, attempt, max_attempts, options, timeout_seconds, lease_seconds,
    created_at, updated_at, visible_at, idempotency_key, traceparent)
SELECT
    t.id, @tenant, t.activity_type, t.input, 'pending', t.priority, 0, t.max_attempts, t.options, t.timeout_seconds,
    t.lease_seconds, @now, @now, t.visible_at, @idempotency_key, t.traceparent
FROM unnest(
    @ids::uuid[], @activity_types::text[], @inputs::text[], @priorities::integer[], @max_attempts::integer[],
    @options::text[], @timeout_seconds::integer[], @lease_seconds::integer[], @visible_ats::timestamptz[],
    @traceparents::text[])
    AS t (id, activity_type, input, priority, max_attempts, options, timeout_seconds, lease_seconds, visible_at, traceparent);
