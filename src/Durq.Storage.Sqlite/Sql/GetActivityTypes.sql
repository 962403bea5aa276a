-- The stored rows of the given activity types ($activity_types: a JSON array), if they have any.
SELECT * FROM durq_activity_types
WHERE tenant = $tenant AND activity_type IN (SELECT value FROM json_each($activity_types));
