-- Whether a refused report named a task of the tenant (lease lost) or no task at all (not found).
SELECT EXISTS (SELECT 1 FROM durq_tasks WHERE tenant = $tenant AND id = $id);
