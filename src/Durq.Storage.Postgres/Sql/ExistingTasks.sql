-- Which of the tasks of refused reports exist for the tenant (lease lost); the others are not found.
SELECT id FROM durq_tasks WHERE tenant = @tenant AND id = ANY (@ids);
