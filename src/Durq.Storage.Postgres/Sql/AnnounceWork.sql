-- Wakes claimers on every node listening on durq_work. NOTIFY is delivered only when the transaction commits, so a
-- woken claimer always finds the tasks; a rolled-back batch announces nothing.
SELECT pg_notify('durq_work', work) FROM unnest(@work::text[]) AS work;
