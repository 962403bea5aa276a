-- The tasks of one or more enqueue requests in one statement, one array element per task: the writer gathers the
-- enqueues of a batch into a single insert, so tenant, time and idempotency key are per task as well.
INSERT INTO durq_tasks (
    id, tenant, activity_type, input, status, priority, attempt, max_attempts, options, timeout_seconds, lease_seconds,
    created_at, updated_at, visible_at, idempotency_key, traceparent, expires_at)
SELECT
    t.id, t.tenant, t.activity_type, t.input, 'pending', t.priority, 0, t.max_attempts, t.options, t.timeout_seconds,
    t.lease_seconds, t.created_at, t.created_at, t.visible_at, t.idempotency_key, t.traceparent, t.expires_at
FROM unnest(
    @ids::uuid[], @tenants::text[], @activity_types::text[], @inputs::text[], @priorities::integer[],
    @max_attempts::integer[], @options::text[], @timeout_seconds::integer[], @lease_seconds::integer[],
    @created_ats::timestamptz[], @visible_ats::timestamptz[], @idempotency_keys::text[], @traceparents::text[],
    @expires_ats::timestamptz[])
    AS t (id, tenant, activity_type, input, priority, max_attempts, options, timeout_seconds, lease_seconds, created_at,
          visible_at, idempotency_key, traceparent, expires_at);
