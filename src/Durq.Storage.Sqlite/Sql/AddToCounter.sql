INSERT INTO durq_counters (tenant, name, value) VALUES ($tenant, $name, $delta)
ON CONFLICT (tenant, name) DO UPDATE SET value = value + excluded.value;
