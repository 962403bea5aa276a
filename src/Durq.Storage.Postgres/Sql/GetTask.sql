SELECT * FROM durq_tasks WHERE tenant = @tenant AND id = @id;
