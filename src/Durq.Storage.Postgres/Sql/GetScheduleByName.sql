-- The tenant's schedule of this name, if any.
SELECT * FROM durq_schedules WHERE tenant = @tenant AND name = @name;
