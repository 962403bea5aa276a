-- Pending includes tasks waiting out a delay or a backoff: the cap counts everything not yet claimed.
SELECT count(*) FROM durq_tasks WHERE tenant = $tenant AND status = 'pending';
