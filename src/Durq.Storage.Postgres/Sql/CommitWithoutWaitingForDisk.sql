-- For a batch of claims and heartbeats alone (Write.NeedsDurableCommit): its COMMIT returns without waiting for the
-- WAL flush. A crash of the server may lose it; a later durable commit (of any session) flushes it with its own, as the
-- WAL is flushed in order. Only this transaction is affected (SET LOCAL).
SET LOCAL synchronous_commit = off;
