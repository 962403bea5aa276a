UPDATE durq_api_keys SET revoked_at = coalesce(revoked_at, $now)
WHERE tenant = $tenant AND id = $id
RETURNING *;
