-- Locks the row so that the failure recorded next is decided on the row as it will be written.
SELECT * FROM durq_tasks
WHERE tenant = @tenant AND id = @id AND status = 'claimed' AND lease_id = @lease_id AND lease_expires_at > @now
FOR UPDATE;
