-- Nodes starting at once migrate one at a time. The key is fixed per schema (the class id 0x64757271, "durq", and
-- the schema's name), so installations in different schemas of one database do not wait for each other.
SELECT pg_advisory_lock(1685418609, hashtext(current_schema()));
