SELECT * FROM durq_tasks
WHERE tenant = $tenant AND id = $id AND status = 'claimed' AND lease_id = $lease_id AND lease_expires_at > $now;
