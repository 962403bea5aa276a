SELECT * FROM durq_api_keys WHERE @tenant::text IS NULL OR tenant = @tenant ORDER BY created_at, id;
