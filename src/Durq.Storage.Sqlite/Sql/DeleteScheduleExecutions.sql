DELETE FROM durq_schedule_executions WHERE tenant = $tenant AND schedule_id = $schedule_id;
