-- Handles one fire time of a schedule: nothing when that (schedule, kind, time) was handled already, by this node or
-- another, so the caller enqueues no second task for it.
INSERT INTO durq_schedule_executions (tenant, schedule_id, kind, scheduled_for, outcome, task_id, reason, created_at)
VALUES ($tenant, $schedule_id, $kind, $scheduled_for, $outcome, $task_id, $reason, $created_at)
ON CONFLICT (schedule_id, kind, scheduled_for) DO NOTHING;
