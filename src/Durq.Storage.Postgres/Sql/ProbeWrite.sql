-- A real write that changes nothing: the newest migration's row, rewritten as it is.
UPDATE durq_schema_migrations SET name = name
WHERE version = (SELECT max(version) FROM durq_schema_migrations)
