-- pending → dead for a task past its expiry, with its error history as the caller wrote it.
UPDATE durq_tasks SET status = 'dead', errors = $errors, last_error = $last_error, updated_at = $now
WHERE id = $id AND status = 'pending';
