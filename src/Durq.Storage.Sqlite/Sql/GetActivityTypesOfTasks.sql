-- The stored rows of the activity types of the given tasks ($ids: a JSON array), if they have any.
SELECT * FROM durq_activity_types
WHERE tenant = $tenant
  AND activity_type IN (SELECT activity_type FROM durq_tasks WHERE tenant = $tenant AND id IN (SELECT value FROM json_each($ids)));
