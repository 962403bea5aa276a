SELECT * FROM durq_api_keys WHERE $tenant IS NULL OR tenant = $tenant ORDER BY created_at, id;
