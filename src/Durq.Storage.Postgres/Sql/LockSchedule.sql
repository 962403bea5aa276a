-- The schedule a fire is about to handle, locked: a node firing the same schedule at once waits here, then reads the
-- next_fire_at this one wrote, and finds nothing due.
SELECT * FROM durq_schedules WHERE tenant = @tenant AND id = @id FOR UPDATE;
