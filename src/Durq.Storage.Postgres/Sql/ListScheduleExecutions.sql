-- Newest fire time first; a page starts after the (scheduled_for, kind) of the previous page's last row.
SELECT * FROM durq_schedule_executions
WHERE tenant = @tenant AND schedule_id = @schedule_id
  AND (@before::timestamptz IS NULL OR (scheduled_for, kind) < (@before::timestamptz, @before_kind::text))
ORDER BY scheduled_for DESC, kind DESC
LIMIT @limit;
