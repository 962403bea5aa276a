-- Writes a schedule's row as the caller decided it (its settings, next fire time and last task).
UPDATE durq_schedules SET
    name = @name, activity_type = @activity_type, input = @input, options = @options, cron = @cron,
    time_zone = @time_zone, overlap = @overlap, catch_up = @catch_up, paused = @paused,
    next_fire_at = @next_fire_at, last_task_id = @last_task_id, updated_at = @updated_at
WHERE tenant = @tenant AND id = @id;
