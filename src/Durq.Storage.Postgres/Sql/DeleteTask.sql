-- Deletes a task in any state but claimed (a running task is cancelled first); answers its state before.
DELETE FROM durq_tasks WHERE tenant = @tenant AND id = @id AND status <> 'claimed'
RETURNING status;
