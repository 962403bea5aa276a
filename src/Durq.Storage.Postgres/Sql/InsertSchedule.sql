-- A new schedule; nothing when the tenant has one of that name already (the caller answers schedule_exists).
INSERT INTO durq_schedules (tenant, id, name, activity_type, input, options, cron, time_zone, overlap, catch_up, paused, next_fire_at, last_task_id, created_at, updated_at)
VALUES (@tenant, @id, @name, @activity_type, @input, @options, @cron, @time_zone, @overlap, @catch_up, @paused, @next_fire_at, @last_task_id, @created_at, @updated_at)
ON CONFLICT (tenant, name) DO NOTHING;
