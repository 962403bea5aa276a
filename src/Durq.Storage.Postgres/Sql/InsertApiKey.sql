INSERT INTO durq_api_keys (id, tenant, name, scopes, secret_hash, created_at, expires_at, revoked_at)
VALUES (@id, @tenant, @name, @scopes, @secret_hash, @created_at, @expires_at, NULL);
