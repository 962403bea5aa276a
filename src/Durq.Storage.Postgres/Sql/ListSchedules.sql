-- In id order (ids are UUIDv7, so oldest first): a page starts after the last id of the previous one (@after).
SELECT * FROM durq_schedules
WHERE tenant = @tenant AND (@after::uuid IS NULL OR id > @after::uuid)
ORDER BY id
LIMIT @limit;
