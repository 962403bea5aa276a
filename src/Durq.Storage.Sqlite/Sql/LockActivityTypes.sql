-- The stored rows of the given activity types ($activity_types: a JSON array), if they have any; the writer's one
-- transaction holds the database, so nothing else can change them before the completion writes them back.
SELECT * FROM durq_activity_types
WHERE tenant = $tenant AND activity_type IN (SELECT value FROM json_each($activity_types));
