-- The schedules of every tenant with a fire time due, earliest first, along the partial index.
SELECT tenant, id FROM durq_schedules
WHERE next_fire_at IS NOT NULL AND next_fire_at <= $now
ORDER BY next_fire_at
LIMIT $limit;
