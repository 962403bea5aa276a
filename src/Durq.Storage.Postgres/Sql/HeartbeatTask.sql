-- Only the live lease may renew: the same lease id, not yet expired.
UPDATE durq_tasks SET
    lease_expires_at = @now + lease_seconds * interval '1 second', last_heartbeat_at = @now,
    heartbeat_details = coalesce(@details, heartbeat_details), updated_at = @now
WHERE tenant = @tenant AND id = @id AND status = 'claimed' AND lease_id = @lease_id AND lease_expires_at > @now
RETURNING lease_expires_at, cancel_requested;
