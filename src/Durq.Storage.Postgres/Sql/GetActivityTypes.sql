-- The stored rows of the given activity types, if they have any.
SELECT * FROM durq_activity_types WHERE tenant = @tenant AND activity_type = ANY (@activity_types);
