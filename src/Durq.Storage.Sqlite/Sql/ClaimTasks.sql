-- pending → claimed for the first visible tasks in claim order (priority descending, then visible_at, then id, which
-- is UUIDv7 and so older first), in one statement. Each activity type is read from its own slice of the claimable
-- index, already in claim order and cut to that type's quota (ClaimSlice.sql, appended once per type from parameters
-- $type0/$quota0, $type1/$quota1, ...), and the slices are merged: no sort of every pending task of the types. SQLite has
-- one writer, so no row locking is needed: nothing can claim between the look and the change. A draining worker gets
-- nothing. Each task gets a fresh random (version 4) lease id, formatted as the API writes ids. RETURNING gives the rows
-- in no particular order; the caller sorts them into claim order.
UPDATE durq_tasks SET
    status = 'claimed', attempt = attempt + 1, claimed_by = $worker_id, claimed_at = $now,
    lease_id = lower(printf('%s-%s-4%s-%x%s-%s',
        hex(randomblob(4)), hex(randomblob(2)), substr(hex(randomblob(2)), 2), 8 + abs(random() % 4),
        substr(hex(randomblob(2)), 2), hex(randomblob(6)))),
    lease_expires_at = $now + lease_seconds * 1000, timeout_at = $now + timeout_seconds * 1000,
    last_heartbeat_at = NULL, heartbeat_details = NULL, updated_at = $now
WHERE id IN (
    SELECT id FROM (/*slices*/)
    WHERE NOT EXISTS (SELECT 1 FROM durq_workers WHERE tenant = $tenant AND id = $worker_id AND draining)
    ORDER BY priority DESC, visible_at, id
    LIMIT $limit)
RETURNING *;
