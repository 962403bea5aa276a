-- The claimed tasks of each given activity type. Claimed tasks are few (at most what the workers run at once), so
-- counting them reads no more than the tenant's claimed rows.
SELECT activity_type, count(*)::integer FROM durq_tasks
WHERE tenant = @tenant AND status = 'claimed' AND activity_type = ANY (@activity_types)
GROUP BY activity_type;
