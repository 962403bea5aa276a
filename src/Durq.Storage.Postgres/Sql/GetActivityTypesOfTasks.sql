-- The stored rows of the activity types of the given tasks, if they have any.
SELECT * FROM durq_activity_types
WHERE tenant = @tenant
  AND activity_type IN (SELECT activity_type FROM durq_tasks WHERE tenant = @tenant AND id = ANY (@ids));
