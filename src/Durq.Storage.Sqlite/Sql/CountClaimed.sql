-- The claimed tasks of each given activity type ($activity_types: a JSON array). Claimed tasks are few (at most what
-- the workers run at once), so counting them reads no more than the tenant's claimed rows.
SELECT activity_type, count(*) FROM durq_tasks
WHERE tenant = $tenant AND status = 'claimed' AND activity_type IN (SELECT value FROM json_each($activity_types))
GROUP BY activity_type;
