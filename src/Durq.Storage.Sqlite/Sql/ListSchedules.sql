-- In id order (ids are UUIDv7, so oldest first): a page starts after the last id of the previous one ($after).
SELECT * FROM durq_schedules
WHERE tenant = $tenant AND ($after IS NULL OR id > $after)
ORDER BY id
LIMIT $limit;
