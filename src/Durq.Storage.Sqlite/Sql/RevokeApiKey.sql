UPDATE durq_api_keys SET revoked_at = $now
WHERE tenant = $tenant AND id = $id AND revoked_at IS NULL
RETURNING *;
