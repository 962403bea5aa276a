SELECT * FROM durq_workers WHERE tenant = @tenant AND id = @id;
