-- Deletes a schedule; its executions go with it (DeleteScheduleExecutions), the tasks it enqueued stay.
DELETE FROM durq_schedules WHERE tenant = $tenant AND id = $id;
