SELECT version FROM durq_schema_migrations;
