-- A task's expiry (options.expires_at, or run_at + schedule_to_start_seconds): copied out of the options, as the
-- timeout is, for the claim (which skips an expired task) and the reaper (which moves it to dead), whose index holds
-- only pending tasks that have one.
ALTER TABLE durq_tasks ADD COLUMN expires_at timestamptz;
CREATE INDEX durq_tasks_expiring ON durq_tasks (expires_at) WHERE status = 'pending' AND expires_at IS NOT NULL;
