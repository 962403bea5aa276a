INSERT INTO durq_schema_migrations (version, name) VALUES (@version, @name);
