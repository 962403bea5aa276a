LISTEN durq_work;
