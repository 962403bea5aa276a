SELECT * FROM (
    SELECT id, priority, visible_at FROM durq_tasks
    WHERE tenant = $tenant AND activity_type = $type AND status = 'pending' AND visible_at <= $now
      AND (expires_at IS NULL OR expires_at > $now)
    ORDER BY priority DESC, visible_at, id
    LIMIT $quota)
