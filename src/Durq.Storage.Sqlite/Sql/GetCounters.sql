SELECT name, sum(value) FROM durq_counters WHERE tenant = $tenant GROUP BY name;
