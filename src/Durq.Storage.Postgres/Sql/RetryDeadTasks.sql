-- In slices, so one call over a large dead-letter queue never holds the writer for long. SKIP LOCKED passes over a
-- dead task that another node is retrying or purging right now.
UPDATE durq_tasks SET
    status = 'pending', attempt = 0, requeue_count = requeue_count + 1, visible_at = @now, updated_at = @now,
    cancel_requested = false
WHERE id = ANY (ARRAY(
    SELECT id FROM durq_tasks
    WHERE tenant = @tenant AND status = 'dead' AND (@activity_type::text IS NULL OR activity_type = @activity_type::text)
      AND (@error_type::text IS NULL OR last_error::json ->> 'type' = @error_type::text)
    LIMIT @limit
    FOR UPDATE SKIP LOCKED))
  AND status = 'dead'
RETURNING activity_type;
