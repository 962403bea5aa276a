-- Each command of a batch runs inside its own savepoint, so a refused command undoes only itself. The previous
-- command's savepoint is released in the same round trip.
RELEASE SAVEPOINT durq_command;
SAVEPOINT durq_command;
