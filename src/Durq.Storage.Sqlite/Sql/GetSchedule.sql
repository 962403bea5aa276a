SELECT * FROM durq_schedules WHERE tenant = $tenant AND id = $id;
