-- In id order, the primary key's: a page starts after the last id of the previous one ($after), so paging is stable
-- while workers come and go.
SELECT * FROM durq_workers
WHERE tenant = $tenant AND ($after IS NULL OR id > $after)
ORDER BY id
LIMIT $limit;
