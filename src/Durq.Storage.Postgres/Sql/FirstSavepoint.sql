SAVEPOINT durq_command;
