-- Claim order: priority descending, then visible_at, then id (UUIDv7, so older first). The activity type list is
-- appended from parameters ($type0, $type1, ...). SQLite has one writer, so no row locking is needed: the
-- writer selects and then updates, and nothing can claim in between.
SELECT id FROM durq_tasks
WHERE tenant = $tenant AND status = 'pending' AND visible_at <= $now AND activity_type IN (/*types*/)
ORDER BY priority DESC, visible_at, id
LIMIT $limit;
