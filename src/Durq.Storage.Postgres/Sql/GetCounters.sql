-- Each node adds to its own shard of a total: the total is their sum.
SELECT name, sum(value)::bigint FROM durq_counters WHERE tenant = @tenant GROUP BY name;
