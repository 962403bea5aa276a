ANALYZE durq_tasks;
