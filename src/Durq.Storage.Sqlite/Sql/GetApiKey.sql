SELECT * FROM durq_api_keys WHERE tenant = $tenant AND id = $id;
