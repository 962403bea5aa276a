-- Which of the tasks of refused reports exist for the tenant (lease lost); the others are not found. $ids is a JSON array.
SELECT id FROM durq_tasks WHERE tenant = $tenant AND id IN (SELECT value FROM json_each($ids));
