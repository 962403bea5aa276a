-- The schedule a fire is about to handle. SQLite has one writer, so reading it in the writer's transaction is the lock.
SELECT * FROM durq_schedules WHERE tenant = $tenant AND id = $id;
