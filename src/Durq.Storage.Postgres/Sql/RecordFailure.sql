-- One failed attempt: back to pending at @visible_at, or to dead or cancelled. The lease must still be the one read.
UPDATE durq_tasks SET
    status = @status, visible_at = coalesce(@visible_at, visible_at), errors = @errors, last_error = @last_error,
    updated_at = @now, claimed_by = NULL, claimed_at = NULL, lease_id = NULL, lease_expires_at = NULL, timeout_at = NULL
WHERE id = @id AND status = 'claimed' AND lease_id = @lease_id;
