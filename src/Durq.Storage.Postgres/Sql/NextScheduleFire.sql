-- The earliest fire time of any schedule of any tenant, for the firer's sleep: one step down the partial index.
SELECT min(next_fire_at) FROM durq_schedules WHERE next_fire_at IS NOT NULL;
