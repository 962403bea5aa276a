-- API keys. Only a SHA-256 of each key's secret is kept; the key itself is shown once, when it is made.
CREATE TABLE durq_api_keys (
    id          text        NOT NULL PRIMARY KEY,
    tenant      text        NOT NULL,
    name        text,
    scopes      text[]      NOT NULL,
    secret_hash bytea       NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX durq_api_keys_tenant ON durq_api_keys (tenant, created_at);
