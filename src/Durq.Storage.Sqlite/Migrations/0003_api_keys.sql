-- API keys. Only a SHA-256 of each key's secret is kept; the key itself is shown once, when it is made.
CREATE TABLE durq_api_keys (
    id          TEXT    NOT NULL PRIMARY KEY,
    tenant      TEXT    NOT NULL,
    name        TEXT,
    scopes      TEXT    NOT NULL,   -- comma-separated, e.g. 'enqueue,read'
    secret_hash BLOB    NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER,
    revoked_at  INTEGER
);
CREATE INDEX durq_api_keys_tenant ON durq_api_keys (tenant, created_at);
