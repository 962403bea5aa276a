-- pending → claimed for the first visible tasks in claim order: priority descending, then visible_at, then id (UUIDv7,
-- so older first). Each activity type is read from its own slice of the claimable index, already in claim order and cut
-- to that type's quota (@quotas, one per type of @activity_types), and the slices are merged; a draining worker gets
-- nothing.
-- FOR UPDATE SKIP LOCKED: a row that another transaction (on this node or another) holds is passed over instead of
-- waited for, so claimers never queue behind each other on a task row and never take the same task twice. Locking
-- rechecks the conditions on the row's newest version, and the lock keeps every other transaction from changing it, so
-- each locked row is still pending when the UPDATE reaches it; the UPDATE names only ids (a status condition there
-- would let the planner scan the whole claimable index as a bitmap when statistics are stale). Each task gets a fresh
-- lease id.
WITH candidates AS (
    SELECT c.id, c.priority, c.visible_at
    FROM unnest(@activity_types::text[], @quotas::integer[]) AS requested (activity_type, quota)
    CROSS JOIN LATERAL (
        SELECT id, priority, visible_at FROM durq_tasks
        WHERE tenant = @tenant AND activity_type = requested.activity_type AND status = 'pending' AND visible_at <= @now
          AND (expires_at IS NULL OR expires_at > @now)
        ORDER BY priority DESC, visible_at, id
        LIMIT requested.quota
        FOR UPDATE SKIP LOCKED) AS c
    WHERE NOT EXISTS (SELECT 1 FROM durq_workers WHERE tenant = @tenant AND id = @worker_id AND draining)
    ORDER BY c.priority DESC, c.visible_at, c.id
    LIMIT @max_tasks),
claimed AS (
    UPDATE durq_tasks SET
        status = 'claimed', attempt = attempt + 1, claimed_by = @worker_id, claimed_at = @now,
        lease_id = gen_random_uuid(), lease_expires_at = @now + lease_seconds * interval '1 second',
        timeout_at = @now + timeout_seconds * interval '1 second',
        last_heartbeat_at = NULL, heartbeat_details = NULL, updated_at = @now
    -- = ANY (ARRAY(...)) keeps the update on the primary key even under a generic plan.
    WHERE id = ANY (ARRAY(SELECT id FROM candidates))
    RETURNING *)
SELECT * FROM claimed ORDER BY priority DESC, visible_at, id;
