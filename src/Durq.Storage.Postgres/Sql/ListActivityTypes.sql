-- Every stored activity type row of the tenant, by name.
SELECT * FROM durq_activity_types WHERE tenant = @tenant ORDER BY activity_type;
