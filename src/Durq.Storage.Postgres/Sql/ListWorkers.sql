SELECT * FROM durq_workers WHERE tenant = @tenant ORDER BY id;
