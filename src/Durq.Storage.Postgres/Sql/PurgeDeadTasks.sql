-- Deletes the matching dead tasks, in slices (as a retry of them does); SKIP LOCKED passes over one another node is
-- retrying or purging right now.
DELETE FROM durq_tasks
WHERE id = ANY (ARRAY(
    SELECT id FROM durq_tasks
    WHERE tenant = @tenant AND status = 'dead' AND (@activity_type::text IS NULL OR activity_type = @activity_type::text)
      AND (@error_type::text IS NULL OR last_error::json ->> 'type' = @error_type::text)
    LIMIT @limit
    FOR UPDATE SKIP LOCKED))
  AND status = 'dead';
