-- The number of rows the last ANALYZE of durq_tasks counted (-1 before the first).
SELECT reltuples::bigint FROM pg_class WHERE oid = 'durq_tasks'::regclass;
