-- Newest first. The filters are appended from fixed fragments (never caller text) so each
-- combination uses its own index: (tenant, status, id) with a status, (tenant, id) without.
SELECT * FROM durq_tasks
WHERE tenant = @tenant /*filters*/
ORDER BY id DESC
LIMIT @limit;
