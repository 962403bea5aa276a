-- Every completion of a batch in one statement (one round trip), each with CompleteTask.sql's checks and changes.
-- Items are numbered in list order. A task listed more than once must complete at most once, and by the first item
-- that names its live lease, exactly as completing the items one by one would; UPDATE ... FROM would apply an
-- arbitrary one of several matching items, so only the first item of each (task, lease) pair is kept, and the
-- lease check leaves at most one of those per task. RETURNING names the item that completed its task, with the
-- task's activity type (for the event stream) and the claim time the update clears (read from the row as it was
-- before, `before`: for the run-time histogram); the rest were refused and changed nothing.
WITH completion AS (
    SELECT DISTINCT ON (c.id, c.lease_id) c.id, c.lease_id, c.result, c.item
    FROM unnest(@ids::uuid[], @lease_ids::uuid[], @results::text[]) WITH ORDINALITY AS c (id, lease_id, result, item)
    ORDER BY c.id, c.lease_id, c.item)
UPDATE durq_tasks AS t SET
    status = 'completed', result = c.result, completed_at = @now, updated_at = @now,
    claimed_by = NULL, claimed_at = NULL, lease_id = NULL, lease_expires_at = NULL, timeout_at = NULL
FROM completion AS c, durq_tasks AS before
WHERE t.id = c.id AND t.tenant = @tenant AND t.status = 'claimed' AND t.lease_id = c.lease_id AND t.lease_expires_at > @now
    AND before.id = t.id
RETURNING c.item, t.activity_type, before.claimed_at;
