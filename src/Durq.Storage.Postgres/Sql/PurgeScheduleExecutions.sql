DELETE FROM durq_schedule_executions WHERE (schedule_id, kind, scheduled_for) IN (
    SELECT schedule_id, kind, scheduled_for FROM durq_schedule_executions WHERE created_at < @before LIMIT @limit FOR UPDATE SKIP LOCKED);
