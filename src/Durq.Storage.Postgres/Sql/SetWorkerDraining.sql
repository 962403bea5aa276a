UPDATE durq_workers SET draining = @draining WHERE tenant = @tenant AND id = @id RETURNING *;
